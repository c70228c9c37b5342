package dev.railtracks.autoconfigure.viz;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShowValues}: the rules of Actuator's {@code Show}, without Actuator. // #16
 */
class ShowValuesTests {

	private static final Principal ADA = () -> "ada";

	private static final Predicate<String> NO_ROLE = (role) -> false;

	@Test
	void neverAndAlwaysIgnoreWhoAsks() {
		assertThat(ShowValues.NEVER.isShown(ADA, (role) -> true, Set.of())).isFalse();
		assertThat(ShowValues.ALWAYS.isShown(null, NO_ROLE, Set.of("OPS"))).isTrue();
	}

	@Test
	void whenAuthorizedNeedsASignedInUserWithOneOfTheRoles() {
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(null, (role) -> true, Set.of())).isFalse();
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(ADA, NO_ROLE, Set.of())).isTrue();
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(ADA, NO_ROLE, List.of("OPS", "ADMIN"))).isFalse();
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(ADA, "ADMIN"::equals, List.of("OPS", "ADMIN"))).isTrue();
	}

	@Test
	void withSpringSecurityARoleAlsoMatchesAnAuthorityOfThatName() {
		// isUserInRole("SCOPE_runs") asks for ROLE_SCOPE_runs; Actuator also accepts the authority itself.
		TestingAuthenticationToken token = new TestingAuthenticationToken("ada", "secret", "SCOPE_runs");
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(token, NO_ROLE, Set.of("SCOPE_runs"))).isTrue();
		assertThat(ShowValues.WHEN_AUTHORIZED.isShown(token, NO_ROLE, Set.of("SCOPE_other"))).isFalse();
	}

}
