// The prefetch hints are inline functions in include/CPrefetch.h; the mapping growth is here,
// since `mremap` needs _GNU_SOURCE, which Swift's Glibc module does not define.
#if defined(__linux__)
#define _GNU_SOURCE
#include <sys/mman.h>
#endif
#include "CPrefetch.h"

void *clientele_grow_mapping(void *start, size_t old_length, size_t new_length) {
#if defined(__linux__)
    void *moved = mremap(start, old_length, new_length, MREMAP_MAYMOVE);
    return moved == MAP_FAILED ? NULL : moved;
#else
    (void)start; (void)old_length; (void)new_length;
    return NULL;
#endif
}
