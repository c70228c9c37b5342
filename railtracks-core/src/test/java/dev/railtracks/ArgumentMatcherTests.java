package dev.railtracks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArgumentMatcher}: arguments fit parameters by the boxing rules of a method call.
 */
class ArgumentMatcherTests {

	@Test
	void eachPrimitiveTypeBoxesToItsWrapper() {
		assertThat(ArgumentMatcher.box(int.class)).isEqualTo(Integer.class);
		assertThat(ArgumentMatcher.box(long.class)).isEqualTo(Long.class);
		assertThat(ArgumentMatcher.box(double.class)).isEqualTo(Double.class);
		assertThat(ArgumentMatcher.box(float.class)).isEqualTo(Float.class);
		assertThat(ArgumentMatcher.box(boolean.class)).isEqualTo(Boolean.class);
		assertThat(ArgumentMatcher.box(short.class)).isEqualTo(Short.class);
		assertThat(ArgumentMatcher.box(byte.class)).isEqualTo(Byte.class);
		assertThat(ArgumentMatcher.box(char.class)).isEqualTo(Character.class);
		assertThat(ArgumentMatcher.box(void.class)).isEqualTo(Void.class);
		assertThat(ArgumentMatcher.box(String.class)).isEqualTo(String.class);
	}

	@Test
	void aPrimitiveParameterTakesItsOwnWrapperOnlyAndNeverNull() {
		assertThat(ArgumentMatcher.fits(int.class, 1)).isTrue();
		assertThat(ArgumentMatcher.fits(char.class, 'c')).isTrue();
		assertThat(ArgumentMatcher.fits(long.class, 1)).isFalse();
		assertThat(ArgumentMatcher.fits(int.class, null)).isFalse();
		assertThat(ArgumentMatcher.fits(Integer.class, null)).isTrue();
		assertThat(ArgumentMatcher.fits(new Class<?>[] { int.class, String.class }, new Object[] { 2, "x" })).isTrue();
		assertThat(ArgumentMatcher.fits(new Class<?>[] { int.class }, new Object[] { 2, "x" })).isFalse();
	}

}
