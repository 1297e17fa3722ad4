/*
 * main.c — kmain: brings up the kernel services in dependency order, then
 * hands over to the test runner.  The command line (QEMU -append) is
 * "tests=NAME,NAME,... [key=value ...]"; tests read their own options.
 */
#include "guest_tests.h"

void kmain(uint32_t magic, uint32_t mbi);
void kmain(uint32_t magic, uint32_t mbi)
{
    serial_init();
    kprintf("\nviogpu test kernel (x86-64 long mode)\n");
    if (magic != 0x2BADB002u) {
        kprintf("@@FAIL boot: bad multiboot magic 0x%x\n", magic);
        qemu_exit(2);
    }
    idt_init();
    mem_init(mbi);
    struct mem_stats ms;
    mem_get_stats(&ms);
    kprintf("mem: %llu MiB free, cmdline '%s'\n", (unsigned long long)(ms.pages_free >> 8), mem_cmdline());
    apic_init();
    irq_on();
    kprintf("@@HELLO\n");
    runner_run(guest_test_tables, mem_cmdline());
}
