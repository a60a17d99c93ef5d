package gatefold.server.outbound;

/**
 * A successful (2xx) answer: its status and at most the call's {@code maxAnswerBytes} of its
 * body; {@code cut} says there was more, which was not read.
 */
public record OutboundAnswer(int status, byte[] body, boolean cut) {
}
