package dev.railtracks.autoconfigure.viz;

import java.security.Principal;
import java.util.Collection;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.ClassUtils;

/**
 * When the visualiser shows the values of a session (request inputs and outputs, node internals): the rules of
 * Actuator's {@code Show}, so that the visualiser masks as the {@code railtracks} endpoint does without needing
 * Actuator.
 */
public enum ShowValues {

	/**
	 * Never show values: each is replaced by {@code ******}.
	 */
	NEVER,

	/**
	 * Show values to a signed-in user with one of the configured roles (any signed-in user when none are configured).
	 */
	WHEN_AUTHORIZED,

	/**
	 * Always show values.
	 */
	ALWAYS;

	private static final boolean SPRING_SECURITY = ClassUtils
		.isPresent("org.springframework.security.core.Authentication", ShowValues.class.getClassLoader());

	/**
	 * Whether values are shown to the sender of a request.
	 * @param principal who sent it, or {@code null} when nobody signed in
	 * @param isUserInRole whether the sender has a role, as the servlet request says
	 * @param roles the roles that may see values when {@link #WHEN_AUTHORIZED}; empty for any signed-in user
	 * @return {@code true} to show values
	 */
	public boolean isShown(@Nullable Principal principal, Predicate<String> isUserInRole, Collection<String> roles) {
		return switch (this) {
			case NEVER -> false;
			case ALWAYS -> true;
			case WHEN_AUTHORIZED -> principal != null && (roles.isEmpty()
					|| roles.stream().anyMatch((role) -> isUserInRole.test(role) || hasAuthority(principal, role)));
		};
	}

	/** As Actuator does: with Spring Security, a role also matches an authority of that exact name (SCOPE_x). */
	private static boolean hasAuthority(Principal principal, String role) {
		if (!SPRING_SECURITY || !(principal instanceof Authentication authentication)) {
			return false;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (role.equals(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

}
