/*
 * apic.c — local APIC and time.
 *
 * The LAPIC timer runs periodically at TICK_HZ; its rate is calibrated
 * against PIT channel 2 at boot (QEMU's APIC clock is an implementation
 * detail, so it is measured, not assumed).  The periodic tick bounds every
 * `hlt`, which is what makes wait_a_little's timeout work.
 *
 * now_ns reads the HPET main counter when there is one (QEMU's pc and q35
 * have it at 0xFED00000): QEMU computes it from its clock at read time, so
 * it stays exact even when timer interrupts are delivered late, which
 * happens under TCG while QEMU's main loop is busy (a lost periodic tick
 * would make a tick-counting clock run slow).  Without an HPET it falls
 * back to ticks * tick_ns plus the part of the current period already
 * counted down, counting a tick still pending in the IRR.
 */
#include "kernel.h"

#define TICK_HZ 1000u
#define LAPIC_ID 0x20
#define LAPIC_EOI 0xB0
#define LAPIC_SVR 0xF0
#define LAPIC_IRR 0x200
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3E0

static volatile uint32_t *lapic;
static uint64_t counts_per_s, period, tick_ns_v;
static volatile uint64_t ticks;
static uint64_t last_ns;
static volatile uint32_t *hpet;
static uint64_t hpet_fs; /* femtoseconds per HPET count */

#define HPET_BASE 0xFED00000ull

static bool hpet_init(void)
{
    volatile uint32_t *h = (volatile uint32_t *)(uintptr_t)HPET_BASE;
    uint32_t id = h[0], period = h[1];
    /* vendor id in bits 31:16; the spec caps the period at 100 ns */
    if (id == 0xFFFFFFFFu || (id >> 16) == 0 || period == 0 || period > 100000000u)
        return false;
    h[0x10 / 4] |= 1u; /* ENABLE_CNF: the main counter runs */
    hpet_fs = period;
    hpet = h;
    return true;
}

static uint64_t hpet_ns(void)
{
    uint32_t hi, lo, hi2;
    do { /* a 64-bit counter read as two halves */
        hi = hpet[0xF4 / 4];
        lo = hpet[0xF0 / 4];
        hi2 = hpet[0xF4 / 4];
    } while (hi != hi2);
    uint64_t c = (uint64_t)hi << 32 | lo;
    return c / 1000000u * hpet_fs + c % 1000000u * hpet_fs / 1000000u;
}

static uint32_t rd(uint32_t reg) { return lapic[reg / 4]; }
static void wr(uint32_t reg, uint32_t v) { lapic[reg / 4] = v; }

void apic_eoi(void) { wr(LAPIC_EOI, 0); }
uint32_t apic_id(void) { return rd(LAPIC_ID) >> 24; }
uint64_t timer_ticks(void) { return ticks; }
uint64_t timer_tick_ns(void) { return tick_ns_v; }

static void on_tick(void *arg, uint32_t v)
{
    (void)arg;
    (void)v;
    ticks++;
}

/* Counts LAPIC timer decrements during `pit_counts` PIT cycles (1.193182 MHz). */
static uint64_t calibrate(uint16_t pit_counts)
{
    uint8_t g = inb(0x61);
    outb(0x61, (uint8_t)((g & ~0x02) & ~0x01)); /* speaker off, gate low */
    outb(0x43, 0xB0);                            /* ch2, lo/hi, mode 0 */
    outb(0x42, (uint8_t)pit_counts);
    outb(0x42, (uint8_t)(pit_counts >> 8));
    wr(LAPIC_TIMER_DIV, 0xB);                    /* divide by 1 */
    wr(LAPIC_LVT_TIMER, 1u << 16);               /* masked one-shot */
    g = inb(0x61);
    outb(0x61, (uint8_t)(g | 0x01));             /* gate high: count starts */
    wr(LAPIC_TIMER_INIT, 0xFFFFFFFFu);
    /* bounded: a PIT that never fires must not hang the boot */
    for (uint32_t guard = 0; !(inb(0x61) & 0x20); guard++)
        if (guard > 50000000u)
            return 0;
    uint32_t cur = rd(LAPIC_TIMER_CUR);
    wr(LAPIC_TIMER_INIT, 0);
    outb(0x61, (uint8_t)(inb(0x61) & ~0x01));
    return 0xFFFFFFFFull - cur;
}

void apic_init(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x1B));
    uint64_t base = (((uint64_t)hi << 32) | lo) & 0xFFFFFF000ull;
    __asm__ volatile("wrmsr" ::"a"(lo | (1u << 11)), "d"(hi), "c"(0x1B)); /* global enable */
    lapic = (volatile uint32_t *)(uintptr_t)base;
    wr(LAPIC_SVR, 0x100 | VEC_SPURIOUS);

    /* 20 ms of PIT: long enough that the polling overhead is noise */
    const uint16_t pit = 23864;
    uint64_t c = calibrate(pit);
    counts_per_s = c * 1193182ull / pit;
    if (counts_per_s < TICK_HZ) {
        kprintf("apic: PIT calibration failed, assuming QEMU's 1 GHz APIC clock\n");
        counts_per_s = 1000000000ull;
    }
    period = counts_per_s / TICK_HZ;
    tick_ns_v = period * 1000000000ull / counts_per_s;

    irq_set_handler(VEC_TIMER, on_tick, NULL);
    wr(LAPIC_TIMER_DIV, 0xB);
    wr(LAPIC_LVT_TIMER, (1u << 17) | VEC_TIMER); /* periodic */
    wr(LAPIC_TIMER_INIT, (uint32_t)period);
    bool have_hpet = hpet_init();
    kprintf("apic: id %u, timer %llu counts/s, tick %llu ns; clock: %s\n", apic_id(),
            (unsigned long long)counts_per_s, (unsigned long long)tick_ns_v, have_hpet ? "HPET" : "LAPIC ticks");
}

uint64_t now_ns(void)
{
    if (hpet)
        return hpet_ns();
    if (!lapic)
        return 0;
    uint64_t f = read_flags();
    irq_off();
    uint32_t c1 = rd(LAPIC_TIMER_CUR);
    bool pending = rd(LAPIC_IRR + 0x10 * (VEC_TIMER / 32)) >> (VEC_TIMER % 32) & 1;
    uint32_t c2 = rd(LAPIC_TIMER_CUR);
    uint64_t t = ticks, ns;
    if (pending) /* the period wrapped before c2 was read */
        ns = (t + 1) * tick_ns_v + (period - c2) * 1000000000ull / counts_per_s;
    else
        ns = t * tick_ns_v + (period - c1) * 1000000000ull / counts_per_s;
    if (ns < last_ns)
        ns = last_ns;
    last_ns = ns;
    if (f & 0x200)
        irq_on();
    return ns;
}

void cpu_wait_interrupt(void)
{
    uint64_t f = read_flags();
    __asm__ volatile("sti; hlt" ::: "memory");
    if (!(f & 0x200))
        irq_off();
}
