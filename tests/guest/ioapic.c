/*
 * ioapic.c — routes one legacy PCI interrupt line through the I/O APIC, for
 * the device core's INTx fallback.  On QEMU's pc machine (PIIX) a PCI
 * function's INTx reaches the ISA IRQ that SeaBIOS wrote into config byte
 * 0x3C, and the I/O APIC input of the same number; it is level-triggered,
 * active high.  The LAPIC EOI the dispatcher sends clears the entry's
 * remote-IRR, so the line must already be deasserted by then (the core's
 * vgpu_isr reads the virtio ISR register, which does that).
 */
#include "kernel.h"

#define IOAPIC_BASE 0xFEC00000ull

static void wr(uint32_t reg, uint32_t v)
{
    volatile uint32_t *io = (volatile uint32_t *)(uintptr_t)IOAPIC_BASE;
    io[0] = reg;
    io[4] = v;
}

static uint32_t rd(uint32_t reg)
{
    volatile uint32_t *io = (volatile uint32_t *)(uintptr_t)IOAPIC_BASE;
    io[0] = reg;
    return io[4];
}

uint32_t ioapic_pins(void) { return ((rd(1) >> 16) & 0xFF) + 1; }

bool ioapic_route(uint32_t pin, uint32_t vector, irq_handler_fn fn, void *arg)
{
    if (pin >= ioapic_pins() || vector < 32 || vector > 254)
        return false;
    irq_set_handler(vector, fn, arg);
    wr(0x11 + 2 * pin, apic_id() << 24);
    wr(0x10 + 2 * pin, vector | (1u << 15)); /* fixed, physical, active high, level, unmasked */
    return true;
}

/* Masked but already level-triggered: QEMU's I/O APIC ignores an edge on
 * a masked edge-mode pin (its reset state), so a line that rose before the
 * entry was programmed would never be delivered; in level mode the pending
 * level is remembered and delivered on unmask. */
void ioapic_mask(uint32_t pin)
{
    if (pin < ioapic_pins())
        wr(0x10 + 2 * pin, (1u << 16) | (1u << 15));
}
