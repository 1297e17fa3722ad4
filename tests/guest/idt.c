/*
 * idt.c — the interrupt descriptor table and the one C entry of all 256
 * interrupt stubs (boot.S).  Vectors 0-31 are CPU exceptions: they report
 * vector, RIP, error code and CR2 and end the run (fatal_exception), so a
 * bug in a test or a core shows up as a failed test, never as a hang.
 * Other vectors go to the handler installed with irq_set_handler; the
 * dispatcher counts every interrupt (tests read the counts to prove MSI-X
 * was really used) and sends the LAPIC EOI.
 */
#include "kernel.h"

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __attribute__((packed));

extern char isr_stubs[];
static struct idt_entry idt[256] __attribute__((aligned(16)));
static irq_handler_fn handlers[256];
static void *handler_args[256];
static volatile uint64_t counts[256];

void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        uint64_t a = (uint64_t)(uintptr_t)(isr_stubs + 16 * v);
        idt[v].off_lo = (uint16_t)a;
        idt[v].sel = 0x08;
        idt[v].ist = 0;
        idt[v].type = 0x8E; /* present, DPL 0, 64-bit interrupt gate */
        idt[v].off_mid = (uint16_t)(a >> 16);
        idt[v].off_hi = (uint32_t)(a >> 32);
        idt[v].zero = 0;
    }
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = {sizeof idt - 1, (uint64_t)(uintptr_t)idt};
    __asm__ volatile("lidt %0" ::"m"(idtr));

    /* Legacy 8259s: move them off the exception vectors, then mask them all;
     * every interrupt we use comes through the LAPIC. */
    outb(0x20, 0x11);
    outb(0xA0, 0x11);
    outb(0x21, 0x20);
    outb(0xA1, 0x28);
    outb(0x21, 4);
    outb(0xA1, 2);
    outb(0x21, 1);
    outb(0xA1, 1);
    outb(0x21, 0xff);
    outb(0xA1, 0xff);
}

void irq_set_handler(uint32_t vector, irq_handler_fn fn, void *arg)
{
    if (vector < 32 || vector > 254)
        return;
    uint64_t f = read_flags();
    irq_off();
    handlers[vector] = fn;
    handler_args[vector] = arg;
    if (f & 0x200)
        irq_on();
}

uint64_t irq_count(uint32_t vector) { return vector < 256 ? counts[vector] : 0; }

void isr_dispatch(struct isr_frame *f);
void isr_dispatch(struct isr_frame *f)
{
    uint32_t v = (uint32_t)f->vector;
    if (v < 32)
        fatal_exception(f);
    counts[v]++;
    if (v == VEC_SPURIOUS || (v >= 0x20 && v < 0x30))
        return; /* LAPIC spurious / masked-PIC spurious: no EOI */
    if (handlers[v])
        handlers[v](handler_args[v], v);
    apic_eoi();
}
