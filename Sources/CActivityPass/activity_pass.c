// The vector form of ValueModel's activity pass (ActivityPass.swift): the same measures, eight rows
// per step with AVX2, for snapshots whose rows all have the selection's currency. Runs where the
// CPU has AVX2 (checked at run time); elsewhere the Swift pass runs. Tests compare both.
#include "CActivityPass.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int clientele_activity_pass_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & (1u << 27)) || !(c & (1u << 28))) return 0;  // OSXSAVE and AVX
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0;  // the OS saves XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0;  // AVX2
}

#define AVX2 __attribute__((target("avx2"), always_inline)) static inline

/// The most rows of one client a run holds (a client with more is split into several runs).
#define RUN_ROWS 4096

/// The lanes set in each 8-bit mask, in order, one byte each (for compacting the rare rows).
static const uint64_t set_lanes[256] = {
    0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000001ull, 0x0000000000000100ull,
    0x0000000000000002ull, 0x0000000000000200ull, 0x0000000000000201ull, 0x0000000000020100ull,
    0x0000000000000003ull, 0x0000000000000300ull, 0x0000000000000301ull, 0x0000000000030100ull,
    0x0000000000000302ull, 0x0000000000030200ull, 0x0000000000030201ull, 0x0000000003020100ull,
    0x0000000000000004ull, 0x0000000000000400ull, 0x0000000000000401ull, 0x0000000000040100ull,
    0x0000000000000402ull, 0x0000000000040200ull, 0x0000000000040201ull, 0x0000000004020100ull,
    0x0000000000000403ull, 0x0000000000040300ull, 0x0000000000040301ull, 0x0000000004030100ull,
    0x0000000000040302ull, 0x0000000004030200ull, 0x0000000004030201ull, 0x0000000403020100ull,
    0x0000000000000005ull, 0x0000000000000500ull, 0x0000000000000501ull, 0x0000000000050100ull,
    0x0000000000000502ull, 0x0000000000050200ull, 0x0000000000050201ull, 0x0000000005020100ull,
    0x0000000000000503ull, 0x0000000000050300ull, 0x0000000000050301ull, 0x0000000005030100ull,
    0x0000000000050302ull, 0x0000000005030200ull, 0x0000000005030201ull, 0x0000000503020100ull,
    0x0000000000000504ull, 0x0000000000050400ull, 0x0000000000050401ull, 0x0000000005040100ull,
    0x0000000000050402ull, 0x0000000005040200ull, 0x0000000005040201ull, 0x0000000504020100ull,
    0x0000000000050403ull, 0x0000000005040300ull, 0x0000000005040301ull, 0x0000000504030100ull,
    0x0000000005040302ull, 0x0000000504030200ull, 0x0000000504030201ull, 0x0000050403020100ull,
    0x0000000000000006ull, 0x0000000000000600ull, 0x0000000000000601ull, 0x0000000000060100ull,
    0x0000000000000602ull, 0x0000000000060200ull, 0x0000000000060201ull, 0x0000000006020100ull,
    0x0000000000000603ull, 0x0000000000060300ull, 0x0000000000060301ull, 0x0000000006030100ull,
    0x0000000000060302ull, 0x0000000006030200ull, 0x0000000006030201ull, 0x0000000603020100ull,
    0x0000000000000604ull, 0x0000000000060400ull, 0x0000000000060401ull, 0x0000000006040100ull,
    0x0000000000060402ull, 0x0000000006040200ull, 0x0000000006040201ull, 0x0000000604020100ull,
    0x0000000000060403ull, 0x0000000006040300ull, 0x0000000006040301ull, 0x0000000604030100ull,
    0x0000000006040302ull, 0x0000000604030200ull, 0x0000000604030201ull, 0x0000060403020100ull,
    0x0000000000000605ull, 0x0000000000060500ull, 0x0000000000060501ull, 0x0000000006050100ull,
    0x0000000000060502ull, 0x0000000006050200ull, 0x0000000006050201ull, 0x0000000605020100ull,
    0x0000000000060503ull, 0x0000000006050300ull, 0x0000000006050301ull, 0x0000000605030100ull,
    0x0000000006050302ull, 0x0000000605030200ull, 0x0000000605030201ull, 0x0000060503020100ull,
    0x0000000000060504ull, 0x0000000006050400ull, 0x0000000006050401ull, 0x0000000605040100ull,
    0x0000000006050402ull, 0x0000000605040200ull, 0x0000000605040201ull, 0x0000060504020100ull,
    0x0000000006050403ull, 0x0000000605040300ull, 0x0000000605040301ull, 0x0000060504030100ull,
    0x0000000605040302ull, 0x0000060504030200ull, 0x0000060504030201ull, 0x0006050403020100ull,
    0x0000000000000007ull, 0x0000000000000700ull, 0x0000000000000701ull, 0x0000000000070100ull,
    0x0000000000000702ull, 0x0000000000070200ull, 0x0000000000070201ull, 0x0000000007020100ull,
    0x0000000000000703ull, 0x0000000000070300ull, 0x0000000000070301ull, 0x0000000007030100ull,
    0x0000000000070302ull, 0x0000000007030200ull, 0x0000000007030201ull, 0x0000000703020100ull,
    0x0000000000000704ull, 0x0000000000070400ull, 0x0000000000070401ull, 0x0000000007040100ull,
    0x0000000000070402ull, 0x0000000007040200ull, 0x0000000007040201ull, 0x0000000704020100ull,
    0x0000000000070403ull, 0x0000000007040300ull, 0x0000000007040301ull, 0x0000000704030100ull,
    0x0000000007040302ull, 0x0000000704030200ull, 0x0000000704030201ull, 0x0000070403020100ull,
    0x0000000000000705ull, 0x0000000000070500ull, 0x0000000000070501ull, 0x0000000007050100ull,
    0x0000000000070502ull, 0x0000000007050200ull, 0x0000000007050201ull, 0x0000000705020100ull,
    0x0000000000070503ull, 0x0000000007050300ull, 0x0000000007050301ull, 0x0000000705030100ull,
    0x0000000007050302ull, 0x0000000705030200ull, 0x0000000705030201ull, 0x0000070503020100ull,
    0x0000000000070504ull, 0x0000000007050400ull, 0x0000000007050401ull, 0x0000000705040100ull,
    0x0000000007050402ull, 0x0000000705040200ull, 0x0000000705040201ull, 0x0000070504020100ull,
    0x0000000007050403ull, 0x0000000705040300ull, 0x0000000705040301ull, 0x0000070504030100ull,
    0x0000000705040302ull, 0x0000070504030200ull, 0x0000070504030201ull, 0x0007050403020100ull,
    0x0000000000000706ull, 0x0000000000070600ull, 0x0000000000070601ull, 0x0000000007060100ull,
    0x0000000000070602ull, 0x0000000007060200ull, 0x0000000007060201ull, 0x0000000706020100ull,
    0x0000000000070603ull, 0x0000000007060300ull, 0x0000000007060301ull, 0x0000000706030100ull,
    0x0000000007060302ull, 0x0000000706030200ull, 0x0000000706030201ull, 0x0000070603020100ull,
    0x0000000000070604ull, 0x0000000007060400ull, 0x0000000007060401ull, 0x0000000706040100ull,
    0x0000000007060402ull, 0x0000000706040200ull, 0x0000000706040201ull, 0x0000070604020100ull,
    0x0000000007060403ull, 0x0000000706040300ull, 0x0000000706040301ull, 0x0000070604030100ull,
    0x0000000706040302ull, 0x0000070604030200ull, 0x0000070604030201ull, 0x0007060403020100ull,
    0x0000000000070605ull, 0x0000000007060500ull, 0x0000000007060501ull, 0x0000000706050100ull,
    0x0000000007060502ull, 0x0000000706050200ull, 0x0000000706050201ull, 0x0000070605020100ull,
    0x0000000007060503ull, 0x0000000706050300ull, 0x0000000706050301ull, 0x0000070605030100ull,
    0x0000000706050302ull, 0x0000070605030200ull, 0x0000070605030201ull, 0x0007060503020100ull,
    0x0000000007060504ull, 0x0000000706050400ull, 0x0000000706050401ull, 0x0000070605040100ull,
    0x0000000706050402ull, 0x0000070605040200ull, 0x0000070605040201ull, 0x0007060504020100ull,
    0x0000000706050403ull, 0x0000070605040300ull, 0x0000070605040301ull, 0x0007060504030100ull,
    0x0000070605040302ull, 0x0007060504030200ull, 0x0007060504030201ull, 0x0706050403020100ull,
};

/// One run's running measures, in vector lanes. Money that few rows carry (leaving, arriving,
/// fees, large outflows) is summed per row afterwards: a step only notes which rows may carry it.
typedef struct {
    __m256i counts[4];  // 16-bit lanes: (frequency, six months), (recent, previous), (window, trend recent), (trend previous, -)
    __m256i monetary;  // 64-bit sums
    __m256i amounts;  // OR of the amounts (the overflow bound)
    __m256i last;  // 32-bit maximum day
    __m128i bad;  // OR of out-of-range type and direction bits
    uint16_t *rare;  // offsets in the run of the rows that may carry the rarer money
    uint8_t *rare_classes;  // their class bits
    int64_t rare_count;
} run_state;

AVX2 __m256i class_mask(__m256i classes, int bit) {
    const __m256i b = _mm256_set1_epi32(bit);
    return _mm256_cmpeq_epi32(_mm256_and_si256(classes, b), b);
}

/// Lanes whose age (biased by 2^31 to compare unsigned) is below `days`.
AVX2 __m256i younger(__m256i biased_age, uint32_t days) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int32_t)(days ^ 0x80000000u)), biased_age);
}

AVX2 __m256i low_rows(__m256i mask) { return _mm256_cvtepi32_epi64(_mm256_castsi256_si128(mask)); }
AVX2 __m256i high_rows(__m256i mask) { return _mm256_cvtepi32_epi64(_mm256_extracti128_si256(mask, 1)); }

/// Eight rows from `day`, `amount`, `type`, `direction`, at `offset` in the run; when `full` is
/// false only the first `remaining` count.
AVX2 void step(
    run_state *s, const clientele_activity_plan *p, const int32_t *day, const int64_t *amount, const uint8_t *type,
    const uint8_t *direction, int32_t offset, int full, int32_t remaining, int shared)
{
    const __m256i all = _mm256_set1_epi32(-1);
    const __m256i outside = full
        ? _mm256_setzero_si256()
        : _mm256_cmpgt_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(remaining - 1));
    const __m256i d = _mm256_loadu_si256((const __m256i *)day);
    // Rows outside the run get age -1: no window, no last day.
    const __m256i age = _mm256_or_si256(_mm256_sub_epi32(_mm256_set1_epi32(p->as_of), d), outside);
    const __m256i biased = _mm256_xor_si256(age, _mm256_set1_epi32((int32_t)0x80000000u));
    const __m256i on_or_before = _mm256_cmpgt_epi32(age, all);

    const __m128i t = _mm_loadl_epi64((const __m128i *)type);
    const __m128i r = _mm_loadl_epi64((const __m128i *)direction);
    s->bad = _mm_or_si128(
        s->bad, _mm_or_si128(
                    _mm_and_si128(t, _mm_set1_epi8((char)0xF0)), _mm_and_si128(r, _mm_set1_epi8((char)0xFE))));
    const __m128i outflows = _mm_cmpeq_epi8(r, _mm_set1_epi8(1));
    const __m128i class_bytes = _mm_blendv_epi8(
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->classes[0]), t),
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->classes[1]), t), outflows);
    const __m128i window_codes = _mm_blendv_epi8(
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->rare_codes[0]), t),
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->rare_codes[1]), t), outflows);
    const __m256i classes = _mm256_cvtepu8_epi32(class_bytes);

    const __m256i rfm = class_mask(classes, CLIENTELE_CLASS_RFM);
    const __m256i activity = class_mask(classes, CLIENTELE_CLASS_ACTIVITY);
    const __m256i recent = younger(biased, p->recent_days);
    // `shared`: the CVM's trend window is the recent window and its transaction window the six
    // months (the defaults), so their comparisons are made once.
    const __m256i trend = shared ? recent : younger(biased, p->trend_days);
    const __m256i frequency = _mm256_and_si256(rfm, younger(biased, p->rfm_days));
    const __m256i six_months = younger(biased, p->six_days);
    const __m256i six = _mm256_and_si256(activity, six_months);
    const __m256i recent_activity = _mm256_and_si256(activity, recent);
    const __m256i recent_previous = _mm256_andnot_si256(recent, younger(biased, 2 * p->recent_days));
    const __m256i previous_activity = _mm256_and_si256(activity, recent_previous);
    const __m256i window = shared ? six_months : younger(biased, p->window_days);
    const __m256i trend_previous =
        shared ? recent_previous : _mm256_andnot_si256(trend, younger(biased, 2 * p->trend_days));
    // Masks are -1 per lane: subtracting the packed 16-bit masks counts.
    s->counts[0] = _mm256_sub_epi16(s->counts[0], _mm256_packs_epi32(frequency, six));
    s->counts[1] = _mm256_sub_epi16(s->counts[1], _mm256_packs_epi32(recent_activity, previous_activity));
    s->counts[2] = _mm256_sub_epi16(s->counts[2], _mm256_packs_epi32(window, trend));
    s->counts[3] = _mm256_sub_epi16(s->counts[3], _mm256_packs_epi32(trend_previous, _mm256_setzero_si256()));
    s->last = _mm256_max_epi32(
        s->last, _mm256_blendv_epi8(_mm256_set1_epi32(INT32_MIN), d, _mm256_and_si256(rfm, on_or_before)));

    const __m256i low = _mm256_loadu_si256((const __m256i *)amount);
    const __m256i high = _mm256_loadu_si256((const __m256i *)(amount + 4));
    if (full) {
        s->amounts = _mm256_or_si256(s->amounts, _mm256_or_si256(low, high));
    } else {
        const __m256i inside = _mm256_xor_si256(outside, all);
        s->amounts = _mm256_or_si256(
            s->amounts, _mm256_or_si256(
                            _mm256_and_si256(low, low_rows(inside)), _mm256_and_si256(high, high_rows(inside))));
    }
    s->monetary = _mm256_add_epi64(
        s->monetary, _mm256_add_epi64(
                         _mm256_and_si256(low, low_rows(frequency)), _mm256_and_si256(high, high_rows(frequency))));

    // Rows that may carry the rarer money: younger than the longest window of their classes
    // (`rare_days`, by the code of their type and direction). Their offsets are appended in order.
    const __m256i rare_days = _mm256_permutevar8x32_epi32(
        _mm256_loadu_si256((const __m256i *)p->rare_days), _mm256_cvtepu8_epi32(window_codes));
    const __m256i rare = _mm256_cmpgt_epi32(_mm256_xor_si256(rare_days, _mm256_set1_epi32((int32_t)0x80000000u)), biased);
    const unsigned lanes = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(rare));
    const __m128i picks = _mm_cvtsi64_si128((long long)set_lanes[lanes]);
    const __m128i offsets = _mm_add_epi16(_mm_cvtepu8_epi16(picks), _mm_set1_epi16((short)offset));
    _mm_storeu_si128((__m128i *)(s->rare + s->rare_count), offsets);
    _mm_storel_epi64((__m128i *)(s->rare_classes + s->rare_count), _mm_shuffle_epi8(class_bytes, picks));
    s->rare_count += __builtin_popcount(lanes);
}

/// The rarer money of the run's noted rows, one row at a time without branches.
typedef struct {
    int64_t leaving, arriving, largest, charged, refunded;
    int32_t large;
} rare_sums;

/// All ones when `age < days`, else zero (no branch: the sign of the 64-bit difference).
static inline int64_t below(uint32_t age, uint32_t days) { return (int64_t)((uint64_t)age - (uint64_t)days) >> 63; }

/// All ones when bit `bit` of `classes` is set, else zero.
static inline int64_t has(unsigned classes, unsigned bit) { return -(int64_t)((classes >> bit) & 1); }

static rare_sums rare_rows(
    const clientele_activity_plan *p, int64_t first, const uint16_t *rows, const uint8_t *classes, int64_t count)
{
    rare_sums sums = {0, 0, 0, 0, 0, 0};
    const uint32_t as_of = (uint32_t)p->as_of;
    const int32_t *day = p->day + first;
    const int64_t *amounts = p->amount + first;
    int64_t large = 0;
    for (int64_t q = 0; q < count; q++) {
        const unsigned row = rows[q], kind = classes[q];
        const uint32_t age = as_of - (uint32_t)day[row];
        const int64_t amount = amounts[row];
        const int64_t recent = amount & below(age, p->recent_days);
        const int64_t fees = amount & below(age, p->fee_days);
        const int64_t leaving = recent & has(kind, 2);
        sums.leaving += leaving;
        sums.largest = leaving > sums.largest ? leaving : sums.largest;
        sums.arriving += recent & has(kind, 3);
        sums.charged += fees & has(kind, 4);
        sums.refunded += fees & has(kind, 5);
        large |= below(age, p->large_days) & has(kind, 6) & -(int64_t)(amount >= p->large_amount);
    }
    sums.large = large != 0;
    return sums;
}

/// The first row from `from` (before `stop`) whose client is not `client`, eight rows a compare.
AVX2 int64_t run_end(const int32_t *clients, int32_t client, int64_t from, int64_t stop) {
    const __m256i same = _mm256_set1_epi32(client);
    int64_t e = from;
    for (; e + 8 <= stop; e += 8) {
        const __m256i next = _mm256_loadu_si256((const __m256i *)(clients + e));
        const unsigned equal = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(next, same)));
        if (equal != 0xFF) return e + __builtin_ctz(~equal);
    }
    while (e < stop && clients[e] == client) e++;
    return e;
}

static int32_t pair_sum(const int16_t *lanes, int first) {
    int32_t sum = 0;
    for (int x = 0; x < 4; x++) sum += (uint16_t)lanes[first + x] + (uint16_t)lanes[first + 8 + x];
    return sum;
}

static int64_t lane_sum(const int64_t *lanes) { return lanes[0] + lanes[1] + lanes[2] + lanes[3]; }

AVX2 clientele_activity_outcome runs(
    const clientele_activity_plan *p, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring, uint64_t *touched, int shared)
{
    clientele_activity_outcome outcome = {INT64_MAX, 0, 0};
    __m128i bad = _mm_setzero_si128();
    int32_t pad_day[8];
    int64_t pad_amount[8];
    uint8_t pad_type[8], pad_direction[8];
    uint16_t rare[RUN_ROWS + 8];
    uint8_t rare_classes[RUN_ROWS + 8];
    int64_t i = start;
    while (i < end) {
        const int32_t c = p->client[i];
        if ((uint32_t)c >= p->clients) {
            outcome.bad_row = i;
            return outcome;
        }
        // A run is one client's consecutive rows, at most RUN_ROWS (16-bit offsets and count lanes).
        const int64_t stop = end - i > RUN_ROWS ? i + RUN_ROWS : end;
        const int64_t e = run_end(p->client, c, i + 1, stop);
        run_state s;
        for (int k = 0; k < 4; k++) s.counts[k] = _mm256_setzero_si256();
        s.monetary = s.amounts = _mm256_setzero_si256();
        s.last = _mm256_set1_epi32(INT32_MIN);
        s.bad = bad;
        s.rare = rare;
        s.rare_classes = rare_classes;
        s.rare_count = 0;
        int64_t j = i;
        for (; j + 8 <= e; j += 8) {
            step(&s, p, p->day + j, p->amount + j, p->type + j, p->direction + j, (int32_t)(j - i), 1, 8, shared);
        }
        if (j < e) {
            if (j + 8 <= p->rows) {
                step(&s, p, p->day + j, p->amount + j, p->type + j, p->direction + j, (int32_t)(j - i), 0,
                     (int32_t)(e - j), shared);
            } else {
                // The last rows of the columns: copied so that no read passes the end.
                const size_t k = (size_t)(p->rows - j);
                memset(pad_day, 0, sizeof pad_day);
                memset(pad_amount, 0, sizeof pad_amount);
                memset(pad_type, 0, sizeof pad_type);
                memset(pad_direction, 0, sizeof pad_direction);
                memcpy(pad_day, p->day + j, k * sizeof(int32_t));
                memcpy(pad_amount, p->amount + j, k * sizeof(int64_t));
                memcpy(pad_type, p->type + j, k);
                memcpy(pad_direction, p->direction + j, k);
                step(&s, p, pad_day, pad_amount, pad_type, pad_direction, (int32_t)(j - i), 0, (int32_t)(e - j),
                     shared);
            }
        }
        bad = s.bad;
        const rare_sums more = rare_rows(p, i, rare, rare_classes, s.rare_count);

        int16_t counts[4][16];
        int64_t lanes[2][4];
        int32_t days[8];
        for (int k = 0; k < 4; k++) _mm256_storeu_si256((__m256i *)counts[k], s.counts[k]);
        _mm256_storeu_si256((__m256i *)lanes[0], s.monetary);
        _mm256_storeu_si256((__m256i *)lanes[1], s.amounts);
        _mm256_storeu_si256((__m256i *)days, s.last);
        int32_t last = days[0];
        for (int x = 1; x < 8; x++) last = days[x] > last ? days[x] : last;
        const int64_t amounts = lanes[1][0] | lanes[1][1] | lanes[1][2] | lanes[1][3];
        // Every amount is below 2^bits and the run has fewer than 2^length_bits rows: if the sums
        // could reach 2^62, or an amount is negative, the caller checks exactly.
        const int bits = amounts == 0 ? 0 : 64 - __builtin_clzll((uint64_t)amounts);
        const int length_bits = 64 - __builtin_clzll((uint64_t)(e - i));
        if (bits + length_bits > 62) outcome.sums |= INT64_MIN;

        clientele_activity_cell *cell = cells + c;
        uint64_t *word = touched + (c >> 6);
        const uint64_t bit = 1ull << (c & 63);
        if (!(*word & bit)) {
            // The client's first run in this worker: its cells start empty (all zero bytes).
            *word |= bit;
            memset(cell, 0, sizeof *cell);
            if (scoring) memset(scoring + c, 0, sizeof *scoring);
        }
        const uint32_t encoded = (uint32_t)last ^ 0x80000000u;  // see clientele_activity_cell.last
        if (encoded > (uint32_t)cell->last) cell->last = (int32_t)encoded;
        cell->frequency += pair_sum(counts[0], 0);
        cell->six_months += pair_sum(counts[0], 4);
        cell->recent += pair_sum(counts[1], 0);
        cell->previous += pair_sum(counts[1], 4);
        cell->monetary += lane_sum(lanes[0]);
        cell->leaving += more.leaving;
        cell->arriving += more.arriving;
        cell->largest = more.largest > cell->largest ? more.largest : cell->largest;
        cell->large_outflow |= more.large;
        outcome.sums |= cell->monetary | cell->leaving | cell->arriving;
        if (scoring) {
            clientele_scoring_cell *cvm = scoring + c;
            cvm->window += pair_sum(counts[2], 0);
            cvm->recent += pair_sum(counts[2], 4);
            cvm->previous += pair_sum(counts[3], 0);
            cvm->charged += more.charged;
            cvm->refunded += more.refunded;
            outcome.sums |= cvm->charged | cvm->refunded;
        }
        i = e;
    }
    outcome.unsupported = !_mm_testz_si128(bad, bad);
    return outcome;
}

__attribute__((target("avx2"))) static clientele_activity_outcome pass(
    const clientele_activity_plan *p, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring, uint64_t *touched)
{
    if (p->trend_days == p->recent_days && p->window_days == p->six_days) {
        return runs(p, start, end, cells, scoring, touched, 1);
    }
    return runs(p, start, end, cells, scoring, touched, 0);
}

clientele_activity_outcome clientele_activity_pass(
    const clientele_activity_plan *plan, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring, uint64_t *touched)
{
    return pass(plan, start, end, cells, scoring, touched);
}

#else

int clientele_activity_pass_available(void) { return 0; }

clientele_activity_outcome clientele_activity_pass(
    const clientele_activity_plan *plan, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring, uint64_t *touched)
{
    (void)plan;
    (void)touched;
    (void)start;
    (void)end;
    (void)cells;
    (void)scoring;
    clientele_activity_outcome outcome = {INT64_MAX, 0, 1};
    return outcome;
}

#endif
