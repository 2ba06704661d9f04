package io.github.sentineldrill.internal.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A POSIX ustar archive of small regular files, the form in which the engine takes files into a container
 * ({@code PUT /containers/{id}/archive}): a 512-byte header per file, its content padded to 512 bytes, two empty
 * blocks at the end.
 */
final class TarArchive {

    private static final int BLOCK = 512;
    private static final int MAX_NAME = 100;

    private TarArchive() {
    }

    /**
     * The archive of {@code files}, in their order.
     *
     * @param files path inside the archive (relative, at most 100 ASCII characters) to content
     * @param mode  the permission bits of every file, such as {@code 0666}
     */
    static byte[] of(Map<String, byte[]> files, int mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] content = file.getValue();
            out.writeBytes(header(file.getKey(), content.length, mode));
            out.writeBytes(content);
            out.writeBytes(new byte[padding(content.length)]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String name, long size, int mode) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length > MAX_NAME || name.startsWith("/")
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("tar entry name = '" + name + "'; allowed: a relative path of 1 to "
                    + MAX_NAME + " ASCII characters");
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);                                   // uid
        octal(header, 116, 8, 0);                                   // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, System.currentTimeMillis() / 1000);  // mtime
        header[156] = '0';                                          // a regular file
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        put(header, 148, "        ");                               // the checksum counts its own field as spaces
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        return header;
    }

    /** {@code value} in octal, zero-padded to {@code length - 1} digits and a NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException(value + " does not fit a tar header field of " + length + " bytes");
        }
        put(header, offset, "0".repeat(length - 1 - digits.length()) + digits + "\0");
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static int padding(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }
}
