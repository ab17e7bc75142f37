#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for a read soon. A hint only: it
/// never faults and changes no state a program can observe.
static inline void clientele_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// As `clientele_prefetch`, for a write soon.
static inline void clientele_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
