// The vector form of ValueModel's activity pass (ActivityPass.swift): the same measures, eight rows
// per step with AVX2, for snapshots whose rows all have the selection's currency. Runs where the
// CPU has AVX2 (checked at run time); elsewhere the Swift pass runs. Tests compare both.
#include "CActivityPass.h"

#include <stdlib.h>
#include <string.h>

void *clientele_zeroed_allocate(size_t count, size_t size) { return calloc(count, size); }

void clientele_zeroed_free(void *memory) { free(memory); }

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

/// One run's running measures, in vector lanes.
typedef struct {
    __m256i counts[4];  // 16-bit lanes: (frequency, six months), (recent, previous), (window, trend recent), (trend previous, -)
    __m256i monetary, leaving, arriving, charged, refunded;  // 64-bit sums
    __m256i largest;  // 64-bit maximum leaving amount
    __m256i large;  // 64-bit: non-zero where a large outflow was seen
    __m256i amounts;  // OR of the amounts (the overflow bound)
    __m256i last;  // 32-bit maximum day
    __m128i bad;  // OR of out-of-range type and direction bits
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

AVX2 __m256i masked_sum(__m256i sum, __m256i low, __m256i high, __m256i mask) {
    return _mm256_add_epi64(
        sum, _mm256_add_epi64(_mm256_and_si256(low, low_rows(mask)), _mm256_and_si256(high, high_rows(mask))));
}

AVX2 __m256i maximum64(__m256i a, __m256i b) { return _mm256_blendv_epi8(a, b, _mm256_cmpgt_epi64(b, a)); }

/// Eight rows from `day`, `amount`, `type`, `direction`; when `full` is false only the first
/// `remaining` count.
AVX2 void step(
    run_state *s, const clientele_activity_plan *p, const int32_t *day, const int64_t *amount, const uint8_t *type,
    const uint8_t *direction, int full, int32_t remaining)
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
    const __m128i lookups = _mm_blendv_epi8(
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->classes[0]), t),
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p->classes[1]), t), _mm_cmpeq_epi8(r, _mm_set1_epi8(1)));
    const __m256i classes = _mm256_cvtepu8_epi32(lookups);

    const __m256i rfm = class_mask(classes, CLIENTELE_CLASS_RFM);
    const __m256i activity = class_mask(classes, CLIENTELE_CLASS_ACTIVITY);
    const __m256i recent = younger(biased, p->recent_days);
    const __m256i trend = younger(biased, p->trend_days);
    const __m256i frequency = _mm256_and_si256(rfm, younger(biased, p->rfm_days));
    const __m256i six = _mm256_and_si256(activity, younger(biased, p->six_days));
    const __m256i recent_activity = _mm256_and_si256(activity, recent);
    const __m256i previous_activity =
        _mm256_and_si256(activity, _mm256_andnot_si256(recent, younger(biased, 2 * p->recent_days)));
    const __m256i window = younger(biased, p->window_days);
    const __m256i trend_previous = _mm256_andnot_si256(trend, younger(biased, 2 * p->trend_days));
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
    s->monetary = masked_sum(s->monetary, low, high, frequency);
    const __m256i leaves = _mm256_and_si256(class_mask(classes, CLIENTELE_CLASS_LEAVING), recent);
    const __m256i leaving_low = _mm256_and_si256(low, low_rows(leaves));
    const __m256i leaving_high = _mm256_and_si256(high, high_rows(leaves));
    s->leaving = _mm256_add_epi64(s->leaving, _mm256_add_epi64(leaving_low, leaving_high));
    s->largest = maximum64(maximum64(s->largest, leaving_low), leaving_high);
    s->arriving = masked_sum(
        s->arriving, low, high, _mm256_and_si256(class_mask(classes, CLIENTELE_CLASS_ARRIVING), recent));
    const __m256i fee_window = younger(biased, p->fee_days);
    s->charged = masked_sum(
        s->charged, low, high, _mm256_and_si256(class_mask(classes, CLIENTELE_CLASS_FEE_CHARGED), fee_window));
    s->refunded = masked_sum(
        s->refunded, low, high, _mm256_and_si256(class_mask(classes, CLIENTELE_CLASS_FEE_REFUNDED), fee_window));
    const __m256i outflow =
        _mm256_and_si256(class_mask(classes, CLIENTELE_CLASS_OUTFLOW), younger(biased, p->large_days));
    const __m256i threshold = _mm256_set1_epi64x(p->large_amount);
    // amount >= threshold is !(threshold > amount).
    s->large = _mm256_or_si256(
        s->large, _mm256_or_si256(
                      _mm256_andnot_si256(_mm256_cmpgt_epi64(threshold, low), low_rows(outflow)),
                      _mm256_andnot_si256(_mm256_cmpgt_epi64(threshold, high), high_rows(outflow))));
}

static int32_t pair_sum(const int16_t *lanes, int first) {
    int32_t sum = 0;
    for (int x = 0; x < 4; x++) sum += (uint16_t)lanes[first + x] + (uint16_t)lanes[first + 8 + x];
    return sum;
}

static int64_t lane_sum(const int64_t *lanes) { return lanes[0] + lanes[1] + lanes[2] + lanes[3]; }

__attribute__((target("avx2"))) static clientele_activity_outcome pass(
    const clientele_activity_plan *p, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring)
{
    clientele_activity_outcome outcome = {INT64_MAX, 0, 0};
    __m128i bad = _mm_setzero_si128();
    int32_t pad_day[8];
    int64_t pad_amount[8];
    uint8_t pad_type[8], pad_direction[8];
    int64_t i = start;
    while (i < end) {
        const int32_t c = p->client[i];
        if ((uint32_t)c >= p->clients) {
            outcome.bad_row = i;
            return outcome;
        }
        // A run is one client's consecutive rows, at most 65,536 (16-bit count lanes, 8 rows a step).
        const int64_t stop = end - i > 65536 ? i + 65536 : end;
        int64_t e = i + 1;
        while (e < stop && p->client[e] == c) e++;
        run_state s;
        for (int k = 0; k < 4; k++) s.counts[k] = _mm256_setzero_si256();
        s.monetary = s.leaving = s.arriving = s.charged = s.refunded = _mm256_setzero_si256();
        s.largest = s.large = s.amounts = _mm256_setzero_si256();
        s.last = _mm256_set1_epi32(INT32_MIN);
        s.bad = bad;
        int64_t j = i;
        for (; j + 8 <= e; j += 8) {
            step(&s, p, p->day + j, p->amount + j, p->type + j, p->direction + j, 1, 8);
        }
        if (j < e) {
            if (j + 8 <= p->rows) {
                step(&s, p, p->day + j, p->amount + j, p->type + j, p->direction + j, 0, (int32_t)(e - j));
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
                step(&s, p, pad_day, pad_amount, pad_type, pad_direction, 0, (int32_t)(e - j));
            }
        }
        bad = s.bad;

        int16_t counts[4][16];
        int64_t lanes[8][4];
        int32_t days[8];
        for (int k = 0; k < 4; k++) _mm256_storeu_si256((__m256i *)counts[k], s.counts[k]);
        _mm256_storeu_si256((__m256i *)lanes[0], s.monetary);
        _mm256_storeu_si256((__m256i *)lanes[1], s.leaving);
        _mm256_storeu_si256((__m256i *)lanes[2], s.arriving);
        _mm256_storeu_si256((__m256i *)lanes[3], s.charged);
        _mm256_storeu_si256((__m256i *)lanes[4], s.refunded);
        _mm256_storeu_si256((__m256i *)lanes[5], s.largest);
        _mm256_storeu_si256((__m256i *)lanes[6], s.large);
        _mm256_storeu_si256((__m256i *)lanes[7], s.amounts);
        _mm256_storeu_si256((__m256i *)days, s.last);
        int64_t largest = lanes[5][0];
        int32_t last = days[0];
        for (int x = 1; x < 4; x++) largest = lanes[5][x] > largest ? lanes[5][x] : largest;
        for (int x = 1; x < 8; x++) last = days[x] > last ? days[x] : last;
        const int64_t large = lanes[6][0] | lanes[6][1] | lanes[6][2] | lanes[6][3];
        const int64_t amounts = lanes[7][0] | lanes[7][1] | lanes[7][2] | lanes[7][3];
        // Every amount is below 2^bits and the run has fewer than 2^length_bits rows: if the sums
        // could reach 2^62, or an amount is negative, the caller checks exactly.
        const int bits = amounts == 0 ? 0 : 64 - __builtin_clzll((uint64_t)amounts);
        const int length_bits = 64 - __builtin_clzll((uint64_t)(e - i));
        if (bits + length_bits > 62) outcome.sums |= INT64_MIN;

        clientele_activity_cell *cell = cells + c;
        const uint32_t encoded = (uint32_t)last ^ 0x80000000u;  // see clientele_activity_cell.last
        if (encoded > (uint32_t)cell->last) cell->last = (int32_t)encoded;
        cell->frequency += pair_sum(counts[0], 0);
        cell->six_months += pair_sum(counts[0], 4);
        cell->recent += pair_sum(counts[1], 0);
        cell->previous += pair_sum(counts[1], 4);
        cell->monetary += lane_sum(lanes[0]);
        cell->leaving += lane_sum(lanes[1]);
        cell->arriving += lane_sum(lanes[2]);
        cell->largest = largest > cell->largest ? largest : cell->largest;
        cell->large_outflow |= large != 0;
        outcome.sums |= cell->monetary | cell->leaving | cell->arriving;
        if (scoring) {
            clientele_scoring_cell *cvm = scoring + c;
            cvm->window += pair_sum(counts[2], 0);
            cvm->recent += pair_sum(counts[2], 4);
            cvm->previous += pair_sum(counts[3], 0);
            cvm->charged += lane_sum(lanes[3]);
            cvm->refunded += lane_sum(lanes[4]);
            outcome.sums |= cvm->charged | cvm->refunded;
        }
        i = e;
    }
    outcome.unsupported = !_mm_testz_si128(bad, bad);
    return outcome;
}

clientele_activity_outcome clientele_activity_pass(
    const clientele_activity_plan *plan, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring)
{
    return pass(plan, start, end, cells, scoring);
}

#else

int clientele_activity_pass_available(void) { return 0; }

clientele_activity_outcome clientele_activity_pass(
    const clientele_activity_plan *plan, int64_t start, int64_t end, clientele_activity_cell *cells,
    clientele_scoring_cell *scoring)
{
    (void)plan;
    (void)start;
    (void)end;
    (void)cells;
    (void)scoring;
    clientele_activity_outcome outcome = {INT64_MAX, 0, 1};
    return outcome;
}

#endif
