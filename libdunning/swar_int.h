/* swar_int.h - eight bytes at a time: the byte tests of the CSV hot paths
 * (internal to libdunning, not installed).
 *
 * The reader and the writer look at every byte of every field: whether it
 * is non-ASCII, a NUL, a quote, the delimiter, a line end.  Tested a byte
 * at a time that costs more than libcsv's own parse; in a 64-bit word it is
 * a few operations for eight bytes.  A field is loaded as words that cover
 * it exactly, never reading outside it (a short field is covered by two
 * overlapping loads, so every byte of the word is a byte of the field and
 * a set-membership test stays exact).  Stores write exactly the field's
 * bytes too.
 */
#ifndef DN_SWAR_INT_H
#define DN_SWAR_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* For the few helpers of a per-field loop: a call would cost more than
 * their body. */
#if defined(__GNUC__)
#define DN_SWAR_INLINE static inline __attribute__((always_inline))
#else
#define DN_SWAR_INLINE static inline
#endif

#define DN_SWAR_ONES UINT64_C(0x0101010101010101)
#define DN_SWAR_HIGH UINT64_C(0x8080808080808080)

/* Non-zero exactly when some byte of w is zero (it may mark other bytes
 * too: good for a yes/no test, not for counting). */
static inline uint64_t dn_swar_zero(uint64_t w)
{
	return (w - DN_SWAR_ONES) & ~w & DN_SWAR_HIGH;
}

/* Non-zero exactly when some byte of w equals c. */
static inline uint64_t dn_swar_byte(uint64_t w, unsigned char c)
{
	return dn_swar_zero(w ^ (DN_SWAR_ONES * c));
}

/* Non-zero when some byte of w is in 0x08..0x0f (TAB, LF, CR among them). */
static inline uint64_t dn_swar_ctl(uint64_t w)
{
	return dn_swar_zero((w | DN_SWAR_ONES * 7) ^ (DN_SWAR_ONES * 0x0f));
}

static inline uint64_t dn_swar_load8(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	return w;
}

static inline uint32_t dn_swar_load4(const char *s)
{
	uint32_t w;

	memcpy(&w, s, 4);
	return w;
}

static inline uint16_t dn_swar_load2(const char *s)
{
	uint16_t w;

	memcpy(&w, s, 2);
	return w;
}

/* The bytes of s[0..n), 0 < n < 8, as one word: each byte of the word is
 * one of the field's (some twice), none from outside it. */
DN_SWAR_INLINE uint64_t dn_swar_load_short(const char *s, size_t n)
{
	uint64_t x;

	if (n >= 4)
		return dn_swar_load4(s) | (uint64_t)dn_swar_load4(s + n - 4) << 32;
	if (n >= 2)
		x = dn_swar_load2(s) | (uint64_t)dn_swar_load2(s + n - 2) << 16;
	else
		x = (unsigned char)s[0] * UINT64_C(0x01010101);
	return x | x << 32;
}

/* Copy s[0..n), 0 < n < 8, to d (not overlapping s) with the loads of
 * dn_swar_load_short. */
DN_SWAR_INLINE void dn_swar_copy_short(char *d, const char *s, size_t n)
{
	if (n >= 4) {
		uint32_t a = dn_swar_load4(s), b = dn_swar_load4(s + n - 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
	} else if (n >= 2) {
		uint16_t a = dn_swar_load2(s), b = dn_swar_load2(s + n - 2);
		memcpy(d, &a, 2);
		memcpy(d + n - 2, &b, 2);
	} else {
		d[0] = s[0];
	}
}

#endif
