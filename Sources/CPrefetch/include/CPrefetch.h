#ifndef CPREFETCH_H
#define CPREFETCH_H

#include <stddef.h>

/// Asks the CPU to start loading the cache line at `address` for a read soon. A hint only: it
/// never faults and changes no state a program can observe.
static inline void clientele_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// As `clientele_prefetch`, for a write soon.
static inline void clientele_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Grows the anonymous mapping at `start` (`old_length` bytes) to `new_length` bytes, in place or
/// by moving its pages (Linux `mremap` with `MREMAP_MAYMOVE`): the contents are kept without a
/// copy. Returns the new start, or NULL where the system cannot (other systems, or no memory).
void *clientele_grow_mapping(void *start, size_t old_length, size_t new_length);

#endif
