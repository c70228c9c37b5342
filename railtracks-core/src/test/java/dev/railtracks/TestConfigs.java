package dev.railtracks;

/** Session configurations that many tests share. */
public final class TestConfigs {

	/** The default configuration without saving the state file, so tests leave no files behind. */
	public static final ExecutorConfig NO_SAVE = ExecutorConfig.builder().saveState(false).build();

	private TestConfigs() {
	}

	/**
	 * A builder that starts from {@link #NO_SAVE}, for tests that configure more.
	 * @return a new builder
	 */
	public static ExecutorConfig.Builder noSave() {
		return NO_SAVE.toBuilder();
	}

}
