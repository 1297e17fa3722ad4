/*
 * msix.c — programs the device's MSI-X table so each virtio vector becomes
 * a LAPIC interrupt: entry i -> vector VEC_DEVICE_BASE + i, fixed delivery,
 * edge, to this CPU's APIC id.  The virtio core then maps its config change
 * and queues onto entries (common-cfg msix_vector registers); msix_setup
 * only owns the PCI side (table, function enable, bus mastering).
 */
#include "kernel.h"

#define PCI_CAP_MSIX 0x11

void msix_disable(const struct pci_dev *d)
{
    uint32_t cap = pci_find_cap(d, PCI_CAP_MSIX);
    if (cap)
        pci_write16(d, cap + 2, (uint16_t)(pci_read16(d, cap + 2) & ~0xC000u));
}

uint32_t msix_setup(const struct pci_dev *d, uint32_t nvec, irq_handler_fn fn, void *arg)
{
    uint32_t cap = pci_find_cap(d, PCI_CAP_MSIX);
    if (!cap)
        return 0;
    uint16_t ctl = pci_read16(d, cap + 2);
    uint32_t entries = (ctl & 0x7FFu) + 1;
    uint32_t tbl = pci_read32(d, cap + 4);
    uint64_t base, size;
    if (!pci_bar(d, tbl & 7, &base, &size) || !mem_map_identity(base, size))
        return 0;
    volatile uint32_t *t = (volatile uint32_t *)(uintptr_t)(base + (tbl & ~7u));
    if (nvec > entries)
        nvec = entries;
    if (nvec > 0xFF - VEC_DEVICE_BASE)
        nvec = 0xFF - VEC_DEVICE_BASE;

    /* mask the whole function while the table changes */
    pci_write16(d, cap + 2, (uint16_t)(ctl | 0x4000u));
    for (uint32_t i = 0; i < entries; i++) {
        volatile uint32_t *e = t + 4 * i;
        if (i < nvec) {
            irq_set_handler(VEC_DEVICE_BASE + i, fn, arg);
            e[0] = 0xFEE00000u | (apic_id() << 12);
            e[1] = 0;
            e[2] = VEC_DEVICE_BASE + i;
            e[3] = 0; /* unmasked */
        } else {
            e[3] = 1;
        }
    }
    pci_write16(d, 0x04, (uint16_t)(pci_read16(d, 0x04) | 0x6u)); /* memory + bus master */
    pci_write16(d, cap + 2, (uint16_t)((ctl | 0x8000u) & ~0x4000u));
    return nvec;
}
