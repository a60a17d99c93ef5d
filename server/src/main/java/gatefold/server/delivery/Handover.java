package gatefold.server.delivery;

import gatefold.storage.BlobInfo;

/**
 * What a valid click hands over: the purchase it belongs to, which item of it (a file, or
 * "album") in which format, the bytes' size and validators, the name the fan's download
 * gets, where streamed bytes come from, and the store key a redirect may point at (null
 * for a zip, which only this server can lay out).
 */
record Handover(DeliveryTarget target, String itemId, String format, BlobInfo info, String name, String contentType,
                BlobResponse.Source source, String redirectKey) {

    static final String ALBUM = "album";

    boolean redirectable() {
        return redirectKey != null;
    }
}
