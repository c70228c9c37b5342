package dev.railtracks.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visualiser in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never downloaded), as
 * a page object for browser tests of every server that serves it. A missing browser fails the test with what to
 * install; nothing is skipped.
 */
public final class VizPage implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	private final Path profile;

	private VizPage(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Starts headless Chromium on a fresh profile and opens the visualiser.
	 * @param url the visualiser's address, ending with {@code /}
	 * @return the page, showing the session list
	 */
	public static VizPage open(String url) {
		for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(required)) {
				throw new IllegalStateException(required + " is missing: the visualiser's browser tests need Debian's "
						+ "chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
			}
		}
		Path profile;
		try {
			profile = Files.createTempDirectory("railtracks-viz-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without these, Chromium running as root in a container hangs trying to reach the network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1500,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
		VizPage page = new VizPage(driver, profile);
		driver.get(url);
		page.waitUntil((d) -> !d.findElements(By.cssSelector("#sessions .session, #sessions .empty")).isEmpty()
				&& d.findElements(By.xpath("//*[@id='sessions']/p[text()='Loading…']")).isEmpty());
		return page;
	}

	/**
	 * The ids of the listed sessions, in list order.
	 * @return the session ids
	 */
	public List<String> sessionIds() {
		return ids("#sessions li[data-session-id]");
	}

	/**
	 * The ids of the sessions listed under a group.
	 * @param group {@code running}, {@code closed} or {@code saved}
	 * @return the session ids
	 */
	public List<String> sessionIds(String group) {
		return ids("#sessions ul[data-group='" + group + "'] li[data-session-id]");
	}

	// Read in one script: the list is redrawn every poll, so element references go stale.
	@SuppressWarnings("unchecked")
	private List<String> ids(String selector) {
		return (List<String>) this.driver.executeScript(
				"return [...document.querySelectorAll(arguments[0])].map((e) => e.dataset.sessionId);", selector);
	}

	/**
	 * The text of the session list.
	 * @return what the list says
	 */
	public String listText() {
		return this.driver.findElement(By.id("sessions")).getText();
	}

	/**
	 * Waits until a session is listed.
	 * @param sessionId the session id
	 * @return this page
	 */
	public VizPage waitForSession(String sessionId) {
		waitUntil((d) -> sessionIds().contains(sessionId));
		return this;
	}

	/**
	 * Clicks a session in the list and waits until its graph is drawn.
	 * @param sessionId the session id
	 * @return this page
	 */
	public VizPage openSession(String sessionId) {
		waitForSession(sessionId);
		// Retried when the list is redrawn between finding the item and clicking it.
		waitUntil((d) -> {
			d.findElement(By.cssSelector("#sessions li[data-session-id='" + sessionId + "']")).click();
			return true;
		});
		waitUntil((d) -> sessionId.equals(currentSessionId()) && drawnNodes() > 0);
		return this;
	}

	/**
	 * The session whose graph is shown, from the page's address.
	 * @return the id, or {@code null}
	 */
	public String currentSessionId() {
		Object selected = this.driver.executeScript(
				"const e = document.querySelector('#sessions li.selected'); return e && e.dataset.sessionId;");
		return (String) selected;
	}

	/**
	 * How many nodes the graph draws at the current step.
	 * @return the number of nodes
	 */
	public int drawnNodes() {
		return Integer.parseInt(canvas().getDomAttribute("data-nodes"));
	}

	/**
	 * How many edges (calls between nodes) the graph draws at the current step.
	 * @return the number of edges
	 */
	public int drawnEdges() {
		return Integer.parseInt(canvas().getDomAttribute("data-edges"));
	}

	/**
	 * How long the page took from choosing the session to drawing it.
	 * @return milliseconds
	 */
	public long loadMillis() {
		waitUntil((d) -> canvas().getDomAttribute("data-load-ms") != null);
		return Long.parseLong(canvas().getDomAttribute("data-load-ms"));
	}

	/**
	 * Waits until the graph draws a number of nodes.
	 * @param nodes the number
	 * @return this page
	 */
	public VizPage waitForNodes(int nodes) {
		waitUntil((d) -> drawnNodes() == nodes);
		return this;
	}

	/**
	 * Clicks a node in the canvas, as a user would, and waits for its details.
	 * @param name the node's name (the first such node) or id
	 * @return the text of the detail panel
	 */
	public String clickNode(String name) {
		Boolean found = (Boolean) this.driver.executeScript("return window.railtracksViz.focus(arguments[0]);", name);
		if (!Boolean.TRUE.equals(found)) {
			throw new AssertionError("No node " + name + " in the graph");
		}
		@SuppressWarnings("unchecked")
		Map<String, Long> position = (Map<String, Long>) this.driver
			.executeScript("return window.railtracksViz.nodePosition(arguments[0]);", name);
		WebElement canvas = canvas();
		int width = canvas.getSize().getWidth();
		int height = canvas.getSize().getHeight();
		// Selenium's offsets are from the element's centre.
		new Actions(this.driver)
			.moveToElement(canvas, position.get("x").intValue() - width / 2, position.get("y").intValue() - height / 2)
			.click()
			.perform();
		waitUntil((d) -> !d.findElements(By.id("detail-name")).isEmpty()
				&& d.findElement(By.id("detail-name")).getText().length() > 0);
		return details();
	}

	/**
	 * Fits the whole graph into the view with the page's Fit button.
	 * @return this page
	 */
	public VizPage fit() {
		this.driver.findElement(By.id("fit")).click();
		return this;
	}

	/**
	 * The text of the detail panel.
	 * @return what it shows
	 */
	public String details() {
		return (String) this.driver.executeScript("return document.getElementById('details').innerText;");
	}

	/**
	 * The text of one element of the detail panel, such as {@code detail-output}.
	 * @param id the element's id
	 * @return its text
	 */
	public String detail(String id) {
		// Read in one script: the panel is redrawn whenever a live session changes, so element references go stale.
		Object text = this.driver.executeScript(
				"const e = document.getElementById(arguments[0]); return e ? e.innerText.trim() : null;", id);
		if (text == null) {
			throw new NoSuchElementException("No #" + id + " in the detail panel: " + details());
		}
		return (String) text;
	}

	/**
	 * Moves the step slider with the keyboard, as a user would.
	 * @param index the position, from 0 (the first step)
	 * @return this page
	 */
	public VizPage moveSliderTo(int index) {
		WebElement slider = this.driver.findElement(By.id("step"));
		slider.sendKeys(Keys.HOME);
		for (int i = 0; i < index; i++) {
			slider.sendKeys(Keys.ARROW_RIGHT);
		}
		waitUntil((d) -> Integer.parseInt(slider.getDomProperty("value")) == index);
		return this;
	}

	/**
	 * The slider's last position.
	 * @return the index of the last step
	 */
	public int lastStepIndex() {
		return Integer.parseInt(this.driver.findElement(By.id("step")).getDomAttribute("max"));
	}

	/**
	 * The text of the step label next to the slider.
	 * @return the current step's description
	 */
	public String stepLabel() {
		return this.driver.findElement(By.id("step-label")).getText();
	}

	/**
	 * The error banner's text.
	 * @return the error, empty when there is none
	 */
	public String error() {
		WebElement error = this.driver.findElement(By.id("error"));
		return error.isDisplayed() ? error.getText() : "";
	}

	/**
	 * Opens an address in the page, for example another session's link.
	 * @param url the address
	 * @return this page
	 */
	public VizPage navigate(String url) {
		this.driver.get(url);
		return this;
	}

	/**
	 * Waits for a condition of the page.
	 * @param condition the condition
	 */
	public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
		new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class)
			.ignoring(NoSuchElementException.class)
			.until(condition::apply);
	}

	/**
	 * Saves a screenshot as a test artifact.
	 * @param file where to write the PNG
	 * @return the file
	 */
	public Path screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * Runs JavaScript in the page.
	 * @param script the script
	 * @param args its arguments
	 * @return its result
	 */
	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	private WebElement canvas() {
		return this.driver.findElement(By.id("canvas"));
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteQuietly(this.profile);
		}
	}

	private static void deleteQuietly(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary profile left behind is harmless.
		}
	}

}
