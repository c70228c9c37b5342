package dev.railtracks.benchmarks.load;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo and the plain Spring AI app, each in its own JVM as the load driver starts them, give the same answer to
 * the demo's requests (those of samples/spring-web's tests), and the driver measures a short window. Nothing is
 * timed: the window only has to count answered requests and CPU.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TripAppsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	/** Brief windows on a JVM that starts fast: this checks the driver works, it measures nothing. */
	private static final LoadSettings SETTINGS = LoadSettings.parse("--jvm-args=-Xmx256m -XX:TieredStopAtLevel=1",
			"--connections=2", "--warmup=0", "--duration=1");

	private static AppProcess demo;

	private static AppProcess plain;

	@BeforeAll
	static void startBoth() throws Exception {
		String classPath = TripAppLoad.appClassPath();
		List<AppVariant> variants = SETTINGS.variants();
		CompletableFuture<AppProcess> starting = CompletableFuture
			.supplyAsync(() -> TripAppLoad.start(variants.get(0), SETTINGS, classPath, Duration.ofMinutes(3)));
		plain = TripAppLoad.start(variants.get(1), SETTINGS, classPath, Duration.ofMinutes(3));
		demo = starting.get();
	}

	@AfterAll
	static void stopBoth() {
		if (demo != null) {
			demo.close();
		}
		if (plain != null) {
			plain.close();
		}
	}

	@ParameterizedTest
	@CsvSource({ "visit Kyoto,", "visit Kyoto,JPY", "visit Kyoto,gbp", "bake bread,", "learn to sail,",
			"walk the Camino,CHF" })
	void bothAppsPlanAlike(String goal, String currency) throws Exception {
		String query = "/plan?goal=" + URLEncoder.encode(goal, StandardCharsets.UTF_8).replace("+", "%20")
				+ ((currency != null) ? "&currency=" + currency : "");
		JsonNode fromDemo = get(demo, query, 200);
		JsonNode fromPlain = get(plain, query, 200);
		assertThat(fromDemo.get("sessionId").asString()).isNotBlank();
		assertThat(fromPlain.get("sessionId").asString()).isNotBlank();
		((ObjectNode) fromDemo).remove("sessionId");
		((ObjectNode) fromPlain).remove("sessionId");
		assertThat(fromPlain).isEqualTo(fromDemo);
		assertThat(fromDemo.get("plan").asString()).startsWith("Plan for " + goal + ": 1. Weather: ");
	}

	@Test
	void bothAppsRejectABadCurrencyAlike() throws Exception {
		String query = "/plan?goal=visit%20Kyoto&currency=XYZ";
		assertThat(get(plain, query, 400)).isEqualTo(get(demo, query, 400));
	}

	@Test
	void aWindowCountsAnsweredRequestsAndTheAppsCpu() {
		RoundResult result = TripAppLoad.measure(1, SETTINGS.variants().get(1), plain, SETTINGS);
		assertThat(result.errors()).isZero();
		assertThat(result.latencies().getTotalCount()).isPositive();
		assertThat(result.requestsPerSecond()).isPositive();
		assertThat(result.cpuMillis()).isPositive();
		assertThat(result.latencyMillis(99)).isGreaterThanOrEqualTo(result.latencyMillis(50)).isPositive();
		assertThat(result.bytesPerWaitingRequest()).isNull();
	}

	@Test
	void liveHeapIsCountedByTheAppsJdk() {
		assertThat(demo.liveHeapBytes()).isGreaterThan(1_000_000);
	}

	private static JsonNode get(AppProcess app, String query, int status) throws Exception {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(app.uri(query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

}
