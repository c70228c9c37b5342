package dev.railtracks.samples.gettingstarted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.greeting.Card;
import com.example.greeting.CardController;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/getting-started.md quotes this module's files exactly, and its pom.xml asks for the dependencies this module
 * builds with, at this build's versions: the code on the page is the code that compiles and whose test runs here.
 */
class GettingStartedPageTests {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static final Path ROOT = MODULE.getParent().getParent();

	private static final Pattern QUOTED_FILE = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)```",
			Pattern.DOTALL);

	private static final Pattern PAGE_POM = Pattern.compile("<!-- pom.xml -->\\n```xml\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern CARD_ANSWER = Pattern.compile("<!-- card answer -->\\n```json\\n(.*?)\\n```",
			Pattern.DOTALL);

	private static final Pattern DEPENDENCY = Pattern.compile(
			"<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>");

	@Test
	void everyFileOnThePageIsThisModulesFileWordForWord() throws IOException {
		Map<String, String> quoted = quotedFiles();
		assertThat(quoted).containsOnlyKeys("src/main/java/com/example/greeting/GreetingApplication.java",
				"src/main/java/com/example/greeting/GreetingNodes.java",
				"src/main/java/com/example/greeting/GreetingController.java",
				"src/main/resources/application.properties",
				"src/test/java/com/example/greeting/GreetingControllerTests.java",
				"src/main/java/com/example/greeting/GreetingTools.java", "src/main/java/com/example/greeting/Card.java",
				"src/main/java/com/example/greeting/GreetingAgents.java",
				"src/main/java/com/example/greeting/ScriptedModelConfiguration.java",
				"src/main/java/com/example/greeting/CardController.java",
				"src/test/java/com/example/greeting/CardControllerTests.java");
		for (Map.Entry<String, String> file : quoted.entrySet()) {
			assertThat(file.getValue()).as(file.getKey()).isEqualTo(Files.readString(MODULE.resolve(file.getKey())));
		}
	}

	@Test
	void thePagesPomUsesThisBuildsVersionsAndThisModulesDependencies() throws IOException {
		Matcher pom = PAGE_POM.matcher(page());
		assertThat(pom.find()).as("the page's pom.xml block").isTrue();
		String pagePom = pom.group(1);
		String rootPom = Files.readString(ROOT.resolve("pom.xml"));
		String railtracksVersion = between(rootPom, "<artifactId>railtracks-parent</artifactId>\n  <version>", "<");
		String bootVersion = between(rootPom, "<spring-boot.version>", "<");
		assertThat(pagePom).contains("<artifactId>spring-boot-starter-parent</artifactId>\n    <version>" + bootVersion)
			.contains("<artifactId>railtracks-spring-boot-starter</artifactId>\n      <version>" + railtracksVersion);
		assertThat(page()).contains("version **`" + railtracksVersion + "`**");
		assertThat(dependencies(pagePom)).isEqualTo(dependencies(Files.readString(MODULE.resolve("pom.xml"))));
	}

	@Test
	void theCardThePageShowsIsTheOneTheTestExpects() throws IOException {
		Matcher answer = CARD_ANSWER.matcher(page());
		assertThat(answer.find()).as("the page's card answer").isTrue();
		assertThat(JsonMapper.builder().build().readValue(answer.group(1), CardController.GreetingCard.class).card())
			.isEqualTo(new Card("Japanese", "Konnichiwa, Ada!"));
		assertThat(Files.readString(MODULE.resolve("src/test/java/com/example/greeting/CardControllerTests.java")))
			.contains(".uri(\"/card?name=Ada&city=Kyoto\")")
			.contains("assertThat(response.card()).isEqualTo(new Card(\"Japanese\", \"Konnichiwa, Ada!\"));");
		assertThat(page()).contains("curl 'http://localhost:8080/card?name=Ada&city=Kyoto'");
	}

	@Test
	void theReadmeLinksThePage() throws IOException {
		assertThat(Files.readString(ROOT.resolve("README.md"))).contains("(docs/getting-started.md)");
	}

	private static Map<String, String> quotedFiles() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		Matcher matcher = QUOTED_FILE.matcher(page());
		while (matcher.find()) {
			files.put(matcher.group(1), matcher.group(2));
		}
		return files;
	}

	private static Set<String> dependencies(String pom) {
		Set<String> dependencies = new TreeSet<>();
		Matcher matcher = DEPENDENCY.matcher(pom);
		while (matcher.find()) {
			dependencies.add(matcher.group(1) + ":" + matcher.group(2));
		}
		return dependencies;
	}

	private static String page() throws IOException {
		return Files.readString(ROOT.resolve("docs/getting-started.md"));
	}

	private static String between(String text, String before, String after) {
		int start = text.indexOf(before);
		assertThat(start).as(before).isNotNegative();
		start += before.length();
		return text.substring(start, text.indexOf(after, start));
	}

}
