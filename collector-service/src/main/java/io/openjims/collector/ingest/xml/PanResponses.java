package io.openjims.collector.ingest.xml;

import io.openjims.collector.ingest.service.IngestResult;

/**
 * PAN-OS XML API answers: {@code <response status="success">} with the uid-response, or {@code <response
 * status="error" code="...">} with a message. Pure logic.
 */
public final class PanResponses {

    private PanResponses() {}

    /**
     * Success. Besides PAN's empty uid-response payload it names what was accepted and, per entry (in document order:
     * login entries, then logout entries), why an entry was rejected.
     */
    public static String success(IngestResult result) {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<response status=\"success\"><result><uid-response><version>2.0</version><payload>")
                .append("<login></login><logout></logout></payload></uid-response>")
                .append("<accepted>")
                .append(result.accepted())
                .append("</accepted>");
        if (!result.rejected().isEmpty()) {
            xml.append("<rejected>");
            for (IngestResult.Rejection rejection : result.rejected()) {
                xml.append("<entry index=\"")
                        .append(rejection.index())
                        .append("\" error=\"")
                        .append(escape(rejection.error()))
                        .append("\"/>");
            }
            xml.append("</rejected>");
        }
        return xml.append("</result></response>").toString();
    }

    public static String error(String code, String message) {
        return "<response status=\"error\" code=\"" + escape(code) + "\"><result><msg>" + escape(message)
                + "</msg></result></response>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
