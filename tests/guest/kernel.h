/*
 * kernel.h — services of the bare-metal test kernel (tests/guest).
 *
 * Boot order (kmain in main.c): serial_init, idt_init (exceptions are
 * reported from then on), mem_init from the multiboot memory map, apic_init
 * (LAPIC, calibrated tick, HPET clock), interrupts on, then the test runner
 * (runner.c) runs each test named on the kernel command line and reports it
 * to the host over COM1 in the line protocol described in runner.h; tests
 * find the device themselves (gpu_env.c).  Everything is single-CPU; a
 * "lock" is just interrupts off.
 */
#ifndef GUEST_KERNEL_H
#define GUEST_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- port and CPU helpers ---- */
static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint64_t read_flags(void) { uint64_t f; __asm__ volatile("pushfq; popq %0" : "=r"(f)::"memory"); return f; }
static inline void irq_off(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void irq_on(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline uint64_t read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }

/* ---- libc subset (libc.c); the compiler may emit calls to these ---- */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Small formatter: %d %u %x %lx(ll) %s %c %p, width and '0' flag. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(gnu_printf, 3, 4)));

/* ---- serial.c: COM1 ---- */
void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s);
/* Reads one line from the host (without '\n'); false on timeout. */
bool serial_readline(char *buf, size_t size, uint64_t timeout_ns);
void kprintf(const char *fmt, ...) __attribute__((format(gnu_printf, 1, 2)));

/* ---- mem.c: physical pages and a small heap ---- */
void mem_init(uint32_t mbi_pa);
/* Contiguous, zeroed pages aligned to `align` (power of two >= 4096). */
void *page_alloc(uint64_t bytes, uint64_t align);
void page_free(void *p, uint64_t bytes);
void *heap_alloc(size_t size);
void heap_free(void *p);
struct mem_stats {
    uint64_t pages_total, pages_free;
    uint64_t heap_live_blocks, heap_live_bytes;
};
void mem_get_stats(struct mem_stats *s);
const char *mem_cmdline(void);
/* Identity-maps [pa, pa+len) (boot maps the first 4 GiB); false if out of
 * page-table memory. */
bool mem_map_identity(uint64_t pa, uint64_t len);

/* Multiboot modules (QEMU -initrd): the first whose path ends in `suffix`. */
struct mem_module {
    char name[96];
    const void *data;
    uint64_t len;
};
const struct mem_module *mem_module_find(const char *suffix);
/* 4 KiB pages outside the identity map, for loaded PE images.  `flags`
 * are PTE bits (PTE_RW, PTE_NX); present is implied.  mem_enable_nx must
 * have run before PTE_NX means anything. */
#define PTE_RW 2ull
#define PTE_NX (1ull << 63)
void mem_enable_nx(void);
bool mem_map_4k(uint64_t va, uint64_t pa, uint64_t flags);
void mem_unmap_4k(uint64_t va);
uint64_t mem_pte(uint64_t va); /* 0 when unmapped */
/* Physical address behind a kernel virtual address. */
uint64_t mem_virt_to_phys(uint64_t va);

/* ---- idt.c / apic.c: interrupts and time ---- */
struct isr_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, err, rip, cs, rflags, rsp, ss;
};
typedef void (*irq_handler_fn)(void *arg, uint32_t vector);
void idt_init(void);
/* Installs a handler for `vector` (32..254); the dispatcher sends the EOI. */
void irq_set_handler(uint32_t vector, irq_handler_fn fn, void *arg);
uint64_t irq_count(uint32_t vector);
/* Called when a CPU exception hits: reports and exits QEMU (runner.c). */
void fatal_exception(const struct isr_frame *f) __attribute__((noreturn));

#define VEC_TIMER 0x30
#define VEC_DEVICE_BASE 0x40 /* MSI-X vectors 0x40.. */
#define VEC_SPURIOUS 0xFF
void apic_init(void);
void apic_eoi(void);
uint32_t apic_id(void);
uint64_t now_ns(void);
uint64_t timer_ticks(void);
uint64_t timer_tick_ns(void);
/* sti;hlt until any interrupt (at most one timer tick). */
void cpu_wait_interrupt(void);

/* ---- pci.c ---- */
struct pci_dev {
    uint8_t bus, dev, fn;
    uint16_t vendor, device;
};
bool pci_find(uint16_t vendor, uint16_t device, struct pci_dev *out);
uint32_t pci_read32(const struct pci_dev *d, uint32_t off);
void pci_write32(const struct pci_dev *d, uint32_t off, uint32_t v);
uint8_t pci_read8(const struct pci_dev *d, uint32_t off);
uint16_t pci_read16(const struct pci_dev *d, uint32_t off);
void pci_write16(const struct pci_dev *d, uint32_t off, uint16_t v);
void pci_write8(const struct pci_dev *d, uint32_t off, uint8_t v);
/* Physical base and size of memory BAR `bar` (64-bit BARs handled); false
 * if the BAR is unused or I/O. */
bool pci_bar(const struct pci_dev *d, uint32_t bar, uint64_t *base, uint64_t *size);
/* Config offset of capability `id`, or 0. */
uint32_t pci_find_cap(const struct pci_dev *d, uint8_t id);

/* ---- msix.c: program the device's MSI-X table ---- */
/* Routes table entry `entry` to LAPIC vector VEC_DEVICE_BASE + entry, sets
 * the handler and enables MSI-X on the function.  Returns the number of
 * table entries, or 0 when the device has no MSI-X. */
uint32_t msix_setup(const struct pci_dev *d, uint32_t nvec, irq_handler_fn fn, void *arg);
void msix_disable(const struct pci_dev *d);

/* ---- ioapic.c: a legacy interrupt line (INTx fallback) ---- */
#define VEC_INTX 0x50
uint32_t ioapic_pins(void);
/* Level-triggered, active-high pin -> vector on this CPU, unmasked. */
bool ioapic_route(uint32_t pin, uint32_t vector, irq_handler_fn fn, void *arg);
/* Masks the pin and makes it level-triggered: call before the device can
 * raise the line, route it afterwards (see ioapic.c). */
void ioapic_mask(uint32_t pin);

/* ---- exit ---- */
/* isa-debug-exit at 0xf4: QEMU exits with (code << 1) | 1. */
void qemu_exit(uint32_t code) __attribute__((noreturn));

#endif
