#include <zlib.h>

// zlib's crc32 takes and returns `unsigned long`; this keeps the Swift side free of
// platform-dependent integer widths.
static inline unsigned int jumpy_crc32(unsigned int crc, const unsigned char *bytes, unsigned int count) {
    return (unsigned int)crc32((uLong)crc, bytes, count);
}
