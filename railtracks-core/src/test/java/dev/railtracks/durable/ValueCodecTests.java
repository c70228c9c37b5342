package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.durablevalues.Fare;
import org.junit.jupiter.api.Test;

/** {@link ValueCodec}: the classes a checkpoint read back may name are an allow-list. */
class ValueCodecTests {

	private final ValueCodec codec = new ValueCodec();

	@Test
	void theJdksValueTypesAndRailtracksTypesReadBack() {
		Map<String, Object> map = new HashMap<>(Map.of("day", LocalDate.of(2026, 12, 3), "n", 4L));
		List<Object> values = new ArrayList<>(List.of("a", 1, 2.5, true, map, Set.of("x"), new int[] { 1 }));
		String text = this.codec.value("node 'n'", values);

		assertThat(this.codec.readValue(text)).isInstanceOf(List.class);
		assertThat(this.codec.readArguments(this.codec.arguments("node 'n'", List.of("a", 3)))).containsExactly("a", 3);
	}

	@Test
	void aClassOutsideTheAllowListIsNotCreatedFromACheckpoint() {
		// A row written by someone else names a class no value of a durable call may have.
		assertThatThrownBy(() -> this.codec.readValue("[\"java.util.concurrent.atomic.AtomicBoolean\",true]"))
			.hasMessageContaining("java.util.concurrent.atomic.AtomicBoolean");
		assertThatThrownBy(() -> this.codec.readValue("[\"[Ljava.util.concurrent.atomic.AtomicLong;\",[]]"))
			.hasMessageContaining("AtomicLong");
	}

	@Test
	void anApplicationsTypesAreCheckpointedOnceTheirPackageIsAllowed() {
		Fare fare = new Fare("Lisbon", 4200);
		assertThatThrownBy(() -> this.codec.value("node 'fare'", fare))
			.isInstanceOf(UncheckpointableValueException.class)
			.hasMessageContaining(Fare.class.getName());

		this.codec.allowPackages(List.of("com.example.durablevalues"));

		assertThat(this.codec.readValue(this.codec.value("node 'fare'", fare))).isEqualTo(fare);
	}

	@Test
	void allowedPackagesMustBePackageNames() {
		Durability durability = Durability.on(TestDbos.create("jdbc:postgresql://127.0.0.1:1/none", "u", "e"));
		assertThatThrownBy(() -> durability.allowValuePackages(" ")).isInstanceOf(IllegalArgumentException.class);
		assertThat(durability.allowValuePackages("com.example")).isSameAs(durability);
	}

}
