package dev.railtracks.info;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdIndex}: it finds what a {@link LinkedHashMap} filled in the same order finds.
 */
class IdIndexTests {

	@Test
	void findsEveryIdentifierAndNoOther() {
		List<UUID> ids = randomIds(10_000, 1);
		IdIndex index = IdIndex.of(ids.size(), keysOf(ids));
		assertThat(index.size()).isEqualTo(ids.size());
		for (int position = 0; position < ids.size(); position++) {
			UUID id = ids.get(position);
			assertThat(index.positionOf(id.getMostSignificantBits(), id.getLeastSignificantBits())).isEqualTo(position);
			assertThat(index.firstPosition(position)).isEqualTo(position);
			assertThat(index.lastPosition(position)).isEqualTo(position);
		}
		for (UUID absent : randomIds(1_000, 2)) {
			assertThat(index.positionOf(absent.getMostSignificantBits(), absent.getLeastSignificantBits())).isEqualTo(-1);
		}
	}

	@Test
	void identifiersThatDifferInOneHalfOnlyAreTold() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			ids.add(new UUID(i, 0));
			ids.add(new UUID(0, i + 1));
		}
		IdIndex index = IdIndex.of(ids.size(), keysOf(ids));
		assertThat(index.size()).isEqualTo(200);
		for (int position = 0; position < ids.size(); position++) {
			UUID id = ids.get(position);
			assertThat(index.positionOf(id.getMostSignificantBits(), id.getLeastSignificantBits())).isEqualTo(position);
		}
	}

	@Test
	void aRepeatedIdentifierKeepsItsFirstPlaceAndPointsAtItsLastItem() {
		UUID a = new UUID(1, 1);
		UUID b = new UUID(2, 2);
		UUID c = new UUID(3, 3);
		List<UUID> ids = List.of(a, b, a, c, b, a);
		Map<UUID, Integer> expected = new LinkedHashMap<>();
		for (int position = 0; position < ids.size(); position++) {
			expected.put(ids.get(position), position);
		}

		IdIndex index = IdIndex.of(ids.size(), keysOf(ids));

		assertThat(index.size()).isEqualTo(3);
		List<UUID> order = new ArrayList<>();
		List<Integer> items = new ArrayList<>();
		for (int rank = 0; rank < index.size(); rank++) {
			order.add(ids.get(index.firstPosition(rank)));
			items.add(index.lastPosition(rank));
		}
		assertThat(order).containsExactlyElementsOf(expected.keySet());
		assertThat(items).containsExactlyElementsOf(expected.values());
		assertThat(index.positionOf(1, 1)).isEqualTo(5);
		assertThat(index.positionOf(2, 2)).isEqualTo(4);
	}

	@Test
	void anEmptyIndexFindsNothing() {
		IdIndex index = IdIndex.of(0, keysOf(List.of()));
		assertThat(index.size()).isZero();
		assertThat(index.positionOf(0, 0)).isEqualTo(-1);
	}

	private static List<UUID> randomIds(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<UUID> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(new UUID(random.nextLong(), random.nextLong()));
		}
		return ids;
	}

	private static IdIndex.Keys keysOf(List<UUID> ids) {
		return new IdIndex.Keys() {

			@Override
			public long high(int position) {
				return ids.get(position).getMostSignificantBits();
			}

			@Override
			public long low(int position) {
				return ids.get(position).getLeastSignificantBits();
			}

		};
	}

}
