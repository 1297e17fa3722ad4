/*
 * pci.c — PCI configuration mechanism #1 (ports 0xCF8/0xCFC), a bus scan
 * for one vendor:device, BAR decoding and capability lookup.  The bus is
 * scanned rather than a slot hard-coded because QEMU moves the device
 * depending on -nodefaults and other devices.
 */
#include "kernel.h"

static uint32_t addr(const struct pci_dev *d, uint32_t off)
{
    return 0x80000000u | (uint32_t)d->bus << 16 | (uint32_t)d->dev << 11 | (uint32_t)d->fn << 8 | (off & 0xFC);
}

uint32_t pci_read32(const struct pci_dev *d, uint32_t off)
{
    outl(0xCF8, addr(d, off));
    return inl(0xCFC);
}

void pci_write32(const struct pci_dev *d, uint32_t off, uint32_t v)
{
    outl(0xCF8, addr(d, off));
    outl(0xCFC, v);
}

uint16_t pci_read16(const struct pci_dev *d, uint32_t off)
{
    outl(0xCF8, addr(d, off));
    return inw((uint16_t)(0xCFC + (off & 2)));
}

void pci_write16(const struct pci_dev *d, uint32_t off, uint16_t v)
{
    outl(0xCF8, addr(d, off));
    outw((uint16_t)(0xCFC + (off & 2)), v);
}

uint8_t pci_read8(const struct pci_dev *d, uint32_t off)
{
    outl(0xCF8, addr(d, off));
    return inb((uint16_t)(0xCFC + (off & 3)));
}

void pci_write8(const struct pci_dev *d, uint32_t off, uint8_t v)
{
    outl(0xCF8, addr(d, off));
    outb((uint16_t)(0xCFC + (off & 3)), v);
}

bool pci_find(uint16_t vendor, uint16_t device, struct pci_dev *out)
{
    for (uint32_t bus = 0; bus < 256; bus++)
        for (uint8_t dev = 0; dev < 32; dev++)
            for (uint8_t fn = 0; fn < 8; fn++) {
                struct pci_dev d = {(uint8_t)bus, dev, fn, 0, 0};
                uint32_t id = pci_read32(&d, 0);
                if ((id & 0xffff) == 0xffff) {
                    if (fn == 0)
                        break;
                    continue;
                }
                if ((id & 0xffff) == vendor && (id >> 16) == device) {
                    d.vendor = vendor;
                    d.device = device;
                    *out = d;
                    return true;
                }
                if (fn == 0 && !(pci_read8(&d, 0x0E) & 0x80))
                    break; /* single-function device */
            }
    return false;
}

bool pci_bar(const struct pci_dev *d, uint32_t bar, uint64_t *base, uint64_t *size)
{
    if (bar > 5)
        return false;
    uint32_t off = 0x10 + 4 * bar;
    uint32_t lo = pci_read32(d, off);
    if (lo & 1)
        return false; /* I/O BAR */
    bool is64 = ((lo >> 1) & 3) == 2;
    uint32_t hi = is64 && bar < 5 ? pci_read32(d, off + 4) : 0;

    /* size it with decoding off so the probe value never decodes */
    uint16_t cmd = pci_read16(d, 0x04);
    pci_write16(d, 0x04, (uint16_t)(cmd & ~3u));
    pci_write32(d, off, 0xFFFFFFFFu);
    uint32_t slo = pci_read32(d, off) & ~0xFu;
    uint32_t shi = 0xFFFFFFFFu;
    if (is64) {
        pci_write32(d, off + 4, 0xFFFFFFFFu);
        shi = pci_read32(d, off + 4);
        pci_write32(d, off + 4, hi);
    }
    pci_write32(d, off, lo);
    pci_write16(d, 0x04, cmd);

    uint64_t mask = ((uint64_t)shi << 32) | slo;
    if (!slo && !(is64 && shi))
        return false;
    *size = ~mask + 1;
    if (!is64)
        *size &= 0xFFFFFFFFull;
    *base = (((uint64_t)hi << 32) | lo) & ~0xFull;
    return *base != 0;
}

uint32_t pci_find_cap(const struct pci_dev *d, uint8_t id)
{
    if (!(pci_read16(d, 0x06) & 0x10))
        return 0;
    uint32_t p = pci_read8(d, 0x34) & 0xFC;
    for (int guard = 0; p && guard < 48; guard++) {
        if (pci_read8(d, p) == id)
            return p;
        p = pci_read8(d, p + 1) & 0xFC;
    }
    return 0;
}
