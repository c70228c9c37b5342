package dev.railtracks.agent;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills {@code {placeholders}} in prompts from the session's context, with the original Railtracks rules:
 * <ul>
 * <li>{@code {key}} becomes the context value's text; a key the context does not hold stays {@code {key}};</li>
 * <li><code>&#123;&#123;</code> and <code>&#125;&#125;</code> are escapes for single braces;</li>
 * <li>a placeholder with a conversion, format spec, attribute access or index ({@code {a!r}}, {@code {a:>5}},
 * {@code {a.b}}, {@code {a[0]}}) and the empty {@code {}} stay as written (and are logged);</li>
 * <li>a text whose braces do not parse (a lone <code>&#125;</code> or an unclosed <code>&#123;</code>) is left
 * unchanged.</li>
 * </ul>
 * Agents apply it to their system and user messages once, before the first model call, when the session's
 * {@code promptInjection} is on. Put untrusted text through {@link #escape(String)} before embedding it in a prompt.
 */
public final class PromptInjection {

	private static final Logger logger = LoggerFactory.getLogger(PromptInjection.class);

	private PromptInjection() {
	}

	/**
	 * Fills a template.
	 * @param template the text with placeholders
	 * @param values the values by key
	 * @return the filled text, or {@code template} itself when its braces do not parse
	 */
	public static String fill(String template, Map<String, ?> values) {
		if (template.indexOf('{') < 0 && template.indexOf('}') < 0) {
			return template;
		}
		StringBuilder filled = new StringBuilder(template.length() + 16);
		int length = template.length();
		int i = 0;
		while (i < length) {
			char c = template.charAt(i);
			boolean doubled = i + 1 < length && template.charAt(i + 1) == c;
			if (c == '}') {
				if (!doubled) {
					return template;
				}
				filled.append('}');
				i += 2;
			}
			else if (c == '{' && doubled) {
				filled.append('{');
				i += 2;
			}
			else if (c == '{') {
				int close = template.indexOf('}', i + 1);
				if (close < 0 || template.indexOf('{', i + 1) != -1 && template.indexOf('{', i + 1) < close) {
					return template;
				}
				String field = template.substring(i + 1, close);
				if (isBareKey(field) && values.containsKey(field)) {
					filled.append(values.get(field));
				}
				else {
					if (!isBareKey(field)) {
						logger.warn("Left prompt placeholder {{}} as written: only bare {key} placeholders are filled", field);
					}
					filled.append('{').append(field).append('}');
				}
				i = close + 1;
			}
			else {
				filled.append(c);
				i++;
			}
		}
		return filled.toString();
	}

	/**
	 * Escapes text so that filling leaves it as it is: every brace doubled.
	 * @param text untrusted or arbitrary text
	 * @return the escaped text
	 */
	public static String escape(String text) {
		return text.replace("{", "{{").replace("}", "}}");
	}

	private static boolean isBareKey(String field) {
		if (field.isEmpty()) {
			return false;
		}
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '.' || c == '[' || c == '!' || c == ':') {
				return false;
			}
		}
		return true;
	}

}
