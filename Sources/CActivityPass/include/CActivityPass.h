#ifndef CACTIVITYPASS_H
#define CACTIVITYPASS_H

#include <stdint.h>

/// One client's RFM and churn measures in one worker of ValueModel's activity pass (the Swift
/// pass writes the same cells). All zero bytes is the empty cell.
typedef struct {
    /// The last day with its sign bit flipped (compared unsigned; 0: none).
    int32_t last;
    int32_t frequency;
    int32_t six_months;
    int32_t recent;
    int32_t previous;
    /// Non-zero when the client has a large outflow in the CVM's window.
    int32_t large_outflow;
    int64_t monetary;
    int64_t leaving;
    int64_t arriving;
    int64_t largest;
} clientele_activity_cell;

/// One client's CVM transaction measures in one worker.
typedef struct {
    int32_t window;
    int32_t recent;
    int32_t previous;
    /// `INT32_MAX ^ row` of the first row in another currency (0: none). Not written by the vector
    /// pass (it only runs when every row has the selection's currency).
    int32_t first_foreign;
    int64_t charged;
    int64_t refunded;
} clientele_scoring_cell;

/// The bits of a row's class, by type and direction (see `classes`).
enum {
    CLIENTELE_CLASS_RFM = 1,
    CLIENTELE_CLASS_ACTIVITY = 2,
    CLIENTELE_CLASS_LEAVING = 4,
    CLIENTELE_CLASS_ARRIVING = 8,
    CLIENTELE_CLASS_FEE_CHARGED = 16,
    CLIENTELE_CLASS_FEE_REFUNDED = 32,
    CLIENTELE_CLASS_OUTFLOW = 64,
};

/// What the vector pass reads and the windows it measures. A row's age is `as_of - day` (32-bit,
/// wrapping); it is inside a window of `n` days when `0 <= age < n`, and counts for its last day
/// when `age >= 0`. The previous windows are `recent_days <= age < 2 * recent_days` and the same
/// for `trend_days`.
typedef struct {
    const int32_t *client;
    const int32_t *day;
    const int64_t *amount;
    const uint8_t *type;
    const uint8_t *direction;
    /// The number of rows in the columns: no read goes past it.
    int64_t rows;
    uint32_t clients;
    int32_t as_of;
    uint32_t rfm_days;
    uint32_t six_days;
    uint32_t recent_days;
    uint32_t window_days;
    uint32_t trend_days;
    uint32_t fee_days;
    uint32_t large_days;
    int64_t large_amount;
    /// Class bits (`CLIENTELE_CLASS_*`) of each `[direction][type]`, for types below 16 and
    /// directions 0 and 1.
    uint8_t classes[2][16];
    /// For each `[direction][type]`, an index into `rare_days`: the longest window in which a row
    /// of that kind carries leaving, arriving, fee or large-outflow money (0 days: never).
    uint8_t rare_codes[2][16];
    /// Window lengths in days for `rare_codes`.
    int32_t rare_days[8];
} clientele_activity_plan;

/// What a call reports: the first row with a client index outside `clients` (or INT64_MAX), the
/// OR of the run amounts' overflow marks and the cells' sums (negative: check exactly), and
/// whether a row had a type of 16 or more or a direction above 1 (then nothing it returned holds;
/// use the portable pass).
typedef struct {
    int64_t bad_row;
    int64_t sums;
    int32_t unsupported;
} clientele_activity_outcome;

/// Whether this CPU and system run the vector pass (x86-64 with AVX2 and the OS saving YMM state).
int clientele_activity_pass_available(void);

/// Accumulates rows `start..<end` into `cells` (and `scoring`, unless NULL), runs of one client at
/// a time, eight rows per step. Bit `c` of `touched` (one bit per client, cleared by the caller)
/// says that cell `c` was written: the first write of a cell clears it, so the cells need no
/// initialising and a cell whose bit is clear holds nothing. Only call it when
/// `clientele_activity_pass_available()` is true.
clientele_activity_outcome clientele_activity_pass(
    const clientele_activity_plan *plan, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring, uint64_t *touched);

#endif
