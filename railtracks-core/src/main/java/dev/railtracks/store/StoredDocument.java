package dev.railtracks.store;

/**
 * One saved session's document as a {@link SessionStore} {@link SessionStore#open opens} it: the JSON exactly as it
 * was saved (numbers keep their exact value), and a name for it in messages.
 *
 * @param name what the document is called in messages, e.g. its file name
 * @param json the saved JSON, UTF-8
 */
public record StoredDocument(String name, byte[] json) {

}
