/*
 * boot.S — entry of the bare-metal test kernel.
 *
 * QEMU's `-kernel` multiboot1 loader refuses ELF64, so the kernel is a flat
 * binary (a PE linked at a fixed base by link.ld, then objcopy -O binary)
 * carrying a multiboot header with the "a.out kludge" (flags bit 16): the
 * loader copies the file to load_addr, zeroes up to bss_end_addr and jumps
 * to entry_addr in 32-bit protected mode with paging off.
 *
 * The 32-bit stub below identity-maps the first 4 GiB with 2 MiB pages
 * (more is mapped on demand from C by guest_map_identity), enables PAE, long
 * mode, paging and SSE, and calls kmain(magic, mbi) under the Windows x64
 * ABI (rcx, rdx, 32 bytes of shadow space), which is what MinGW code expects.
 *
 * It also holds the 256 interrupt stubs: each pushes a dummy error code when
 * the CPU does not, then its vector, and jumps to isr_common, which saves all
 * integer registers and the SSE state (xmm0-5 are volatile in the x64 ABI,
 * and the compiler uses them freely) and calls isr_dispatch(frame).
 */

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS ((1 << 16) | (1 << 1))  /* a.out kludge, memory map */

    .section .mbhdr, "xr"
    .p2align 2
    .globl mb_header
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long mb_header          /* header_addr */
    .long __load_start       /* load_addr: first byte of the flat file */
    .long __load_end         /* load_end_addr */
    .long __bss_end          /* bss_end_addr: loader zeroes up to here */
    .long boot32             /* entry_addr */

    .code32
boot32:
    cli
    movl %eax, %esi                  /* multiboot magic */
    movl %ebx, %edi                  /* multiboot info (physical) */
    movl $boot_stack_top, %esp

    /* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 2 MiB pages. */
    movl $boot_pml4, %eax
    movl $boot_pdpt, %edx
    orl $3, %edx
    movl %edx, (%eax)
    movl $boot_pdpt, %eax
    movl $boot_pd, %edx
    orl $3, %edx
    movl $4, %ecx
1:  movl %edx, (%eax)
    movl $0, 4(%eax)
    addl $8, %eax
    addl $0x1000, %edx
    loop 1b

    movl $boot_pd, %eax
    xorl %edx, %edx                  /* 2 MiB page index */
2:  movl %edx, %ecx
    shll $21, %ecx
    orl $0x83, %ecx                  /* present | writable | 2 MiB page */
    movl %ecx, (%eax)
    movl $0, 4(%eax)
    addl $8, %eax
    incl %edx
    cmpl $2048, %edx
    jne 2b

    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $((1 << 5) | (1 << 9) | (1 << 10)), %eax  /* PAE, OSFXSR, OSXMMEXCPT */
    movl %eax, %cr4
    movl $0xC0000080, %ecx           /* EFER */
    rdmsr
    orl $(1 << 8), %eax              /* LME */
    wrmsr
    movl %cr0, %eax
    andl $~(1 << 2), %eax            /* EM off: FPU/SSE instructions execute */
    orl $((1 << 31) | (1 << 16) | (1 << 1)), %eax  /* PG, WP, MP */
    movl %eax, %cr0
    lgdt boot_gdtr
    ljmp $0x08, $boot64

    .code64
boot64:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    leaq boot_stack_top(%rip), %rsp
    fninit
    movl %esi, %ecx                  /* arg 1: magic */
    movl %edi, %edx                  /* arg 2: mbi */
    subq $32, %rsp                   /* shadow space */
    call kmain
3:  cli
    hlt
    jmp 3b

/* ---- interrupt stubs: 16 bytes each, vector n at isr_stubs + 16*n ---- */
    .text
    .p2align 4
    .globl isr_stubs
isr_stubs:
    .set vec, 0
    .rept 256
    .p2align 4
    .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    .else
    pushq $0
    .endif
    pushq $vec
    jmp isr_common
    .set vec, vec + 1
    .endr

isr_common:
    /* Frame layout (struct isr_frame in kernel.h), lowest address first:
     * r15 r14 r13 r12 r11 r10 r9 r8 rbp rdi rsi rdx rcx rbx rax vector err
     * rip cs rflags rsp ss.  176 bytes pushed: rsp is 16-byte aligned. */
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rbx
    andq $-16, %rsp
    subq $512, %rsp
    fxsave (%rsp)
    movq %rbx, %rcx
    subq $32, %rsp
    call isr_dispatch
    addq $32, %rsp
    fxrstor (%rsp)
    movq %rbx, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp
    iretq

    .data
    .p2align 3
boot_gdt:
    .quad 0
    .quad 0x00209A0000000000         /* 0x08: 64-bit code */
    .quad 0x0000920000000000         /* 0x10: data */
boot_gdtr:
    .word boot_gdtr - boot_gdt - 1
    .long boot_gdt

    .bss
    .p2align 12
    .globl boot_pml4, boot_pdpt
boot_pml4:
    .space 4096
boot_pdpt:
    .space 4096
boot_pd:
    .space 4 * 4096
boot_stack:
    .space 65536
boot_stack_top:
