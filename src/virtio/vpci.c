/*
 * vpci.c — virtio 1.x modern PCI transport (see vpci.h for the call order).
 *
 * Everything the device tells us (capability pointers, lengths, BAR
 * numbers, notify offsets) is range-checked before use: a broken or hostile
 * device yields an error code, not a wild access.
 */
#include "virtio/vpci.h"

#include "base/vg_err.h"
#include "base/vg_util.h"
#include "virtio/virtio_regs.h"

#define RESET_TIMEOUT_NS 1000000000ull

static uint8_t c_r8(struct vpci *t, uint32_t off) { return t->p->mmio_read8(t->p->ctx, t->common.va + off); }
static uint16_t c_r16(struct vpci *t, uint32_t off) { return t->p->mmio_read16(t->p->ctx, t->common.va + off); }
static uint32_t c_r32(struct vpci *t, uint32_t off) { return t->p->mmio_read32(t->p->ctx, t->common.va + off); }
static void c_w8(struct vpci *t, uint32_t off, uint8_t v) { t->p->mmio_write8(t->p->ctx, t->common.va + off, v); }
static void c_w16(struct vpci *t, uint32_t off, uint16_t v) { t->p->mmio_write16(t->p->ctx, t->common.va + off, v); }
static void c_w32(struct vpci *t, uint32_t off, uint32_t v) { t->p->mmio_write32(t->p->ctx, t->common.va + off, v); }
static void c_w64(struct vpci *t, uint32_t off, uint64_t v)
{
    /* two 32-bit halves: the spec allows it and not every BAR takes 64-bit */
    c_w32(t, off, (uint32_t)v);
    c_w32(t, off + 4, (uint32_t)(v >> 32));
}

static int cfg_read(struct vpci *t, uint32_t off, void *buf, uint32_t len)
{
    return t->p->pci_cfg_read(t->p->ctx, off, buf, len) ? VG_ERR_PCI_CFG : 0;
}

static bool platform_ok(const struct vg_platform *p)
{
    return p && p->pci_cfg_read && p->map_bar && p->mmio_read8 && p->mmio_read16 &&
           p->mmio_read32 && p->mmio_write8 && p->mmio_write16 && p->mmio_write32 &&
           p->now_ns && p->wait_a_little;
}

/* Remember the first capability of each type, as the spec recommends. */
static void take_cap(struct vpci_region *r, uint8_t bar, uint32_t off, uint32_t len)
{
    if (r->len)
        return;
    r->bar = bar;
    r->offset = off;
    r->len = len;
}

static int map_region(struct vpci *t, struct vpci_region *r, uint64_t min_len, int missing)
{
    if (!r->len || r->len < min_len)
        return missing;
    r->va = (volatile uint8_t *)t->p->map_bar(t->p->ctx, r->bar, r->offset, r->len);
    return r->va ? 0 : VG_ERR_BAR_MAP;
}

static int walk_caps(struct vpci *t)
{
    uint8_t ptr;
    uint16_t status;
    int rc;

    if ((rc = cfg_read(t, PCI_CFG_STATUS, &status, 2)))
        return rc;
    if (!(status & PCI_STATUS_CAP_LIST))
        return VG_ERR_NO_COMMON_CFG;
    if ((rc = cfg_read(t, PCI_CFG_CAP_PTR, &ptr, 1)))
        return rc;
    /* 48 caps fit in the 192 bytes after the header; more means a loop */
    for (int n = 0; ptr; n++) {
        uint8_t cap[VIRTIO_PCI_CAP_SIZE];

        ptr &= 0xfc;
        if (n >= 48 || ptr < 0x40 || ptr > 0xfc)
            return VG_ERR_BAD_CAP;
        if ((rc = cfg_read(t, ptr, cap, 2)))
            return rc;
        if (cap[0] == PCI_CAP_ID_MSIX) {
            uint16_t ctrl;
            if ((rc = cfg_read(t, ptr + 2u, &ctrl, 2)))
                return rc;
            t->msix_cap = ptr;
            t->msix_table_size = (uint16_t)((ctrl & PCI_MSIX_FLAGS_QSIZE) + 1);
        } else if (cap[0] == PCI_CAP_ID_VNDR) {
            uint8_t type, bar;
            uint32_t off, len;

            if (ptr + VIRTIO_PCI_CAP_SIZE > 0x100)
                return VG_ERR_BAD_CAP;
            if ((rc = cfg_read(t, ptr, cap, VIRTIO_PCI_CAP_SIZE)))
                return rc;
            if (cap[VIRTIO_PCI_CAP_LEN] < VIRTIO_PCI_CAP_SIZE)
                return VG_ERR_BAD_CAP;
            type = cap[VIRTIO_PCI_CAP_CFG_TYPE];
            bar = cap[VIRTIO_PCI_CAP_BAR];
            off = vg_get_le32(cap + VIRTIO_PCI_CAP_OFFSET);
            len = vg_get_le32(cap + VIRTIO_PCI_CAP_LENGTH);
            /* caps naming a reserved BAR are to be ignored (virtio 1.2 4.1.4) */
            if (bar < VPCI_MAX_BARS) {
                switch (type) {
                case VIRTIO_PCI_CAP_COMMON_CFG: take_cap(&t->common, bar, off, len); break;
                case VIRTIO_PCI_CAP_ISR_CFG: take_cap(&t->isr, bar, off, len); break;
                case VIRTIO_PCI_CAP_DEVICE_CFG: take_cap(&t->device, bar, off, len); break;
                case VIRTIO_PCI_CAP_NOTIFY_CFG:
                    if (!t->notify.len) {
                        uint32_t mult;
                        if (cap[VIRTIO_PCI_CAP_LEN] < VIRTIO_PCI_NOTIFY_CAP_MULT + 4)
                            return VG_ERR_BAD_CAP;
                        if ((rc = cfg_read(t, ptr + VIRTIO_PCI_NOTIFY_CAP_MULT, &mult, 4)))
                            return rc;
                        t->notify_mult = mult;
                        take_cap(&t->notify, bar, off, len);
                    }
                    break;
                case VIRTIO_PCI_CAP_SHARED_MEMORY_CFG:
                    if (t->n_shm < VPCI_MAX_SHM && cap[VIRTIO_PCI_CAP_LEN] >= 24 && ptr + 24u <= 0x100) {
                        uint32_t hi[2];
                        struct vpci_shm *s = &t->shm[t->n_shm];
                        if ((rc = cfg_read(t, ptr + VIRTIO_PCI_CAP64_OFFSET_HI, hi, 8)))
                            return rc;
                        s->id = cap[VIRTIO_PCI_CAP_ID];
                        s->bar = bar;
                        s->offset = off | ((uint64_t)hi[0] << 32);
                        s->len = len | ((uint64_t)hi[1] << 32);
                        t->n_shm++;
                    }
                    break;
                default:
                    break;
                }
            }
        }
        ptr = cap[1];
    }
    return 0;
}

int vpci_probe(struct vpci *t, const struct vg_platform *p, uint16_t device_id)
{
    uint16_t ids[2], cmd;
    int rc;

    vg_memset(t, 0, sizeof(*t));
    if (!platform_ok(p))
        return VG_ERR_NO_PLATFORM_OP;
    t->p = p;
    if ((rc = cfg_read(t, PCI_CFG_VENDOR_ID, ids, 4)))
        return rc;
    t->vendor_id = ids[0];
    t->device_id = ids[1];
    if (ids[0] != 0x1af4 || ids[1] < 0x1040 || ids[1] > 0x107f || (device_id && ids[1] != device_id))
        return VG_ERR_NOT_VIRTIO;
    if ((rc = walk_caps(t)))
        return rc;
    if (!t->common.len)
        return VG_ERR_NO_COMMON_CFG;
    if (!t->notify.len)
        return VG_ERR_NO_NOTIFY_CFG;
    if (!t->isr.len)
        return VG_ERR_NO_ISR_CFG;
    if (!t->device.len)
        return VG_ERR_NO_DEVICE_CFG;
    if ((rc = map_region(t, &t->common, VIRTIO_PCI_COMMON_SIZE, VG_ERR_NO_COMMON_CFG)) ||
        (rc = map_region(t, &t->notify, 2, VG_ERR_NO_NOTIFY_CFG)) ||
        (rc = map_region(t, &t->isr, 1, VG_ERR_NO_ISR_CFG)) ||
        (rc = map_region(t, &t->device, 4, VG_ERR_NO_DEVICE_CFG))) {
        vpci_remove(t);
        return rc;
    }
    /* memory decoding and bus mastering (firmware may leave DMA off) */
    if (p->pci_cfg_write && !cfg_read(t, PCI_CFG_COMMAND, &cmd, 2)) {
        cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
        p->pci_cfg_write(p->ctx, PCI_CFG_COMMAND, &cmd, 2);
    }
    t->probed = true;
    return 0;
}

static void unmap_region(struct vpci *t, struct vpci_region *r)
{
    if (r->va && t->p->unmap_bar)
        t->p->unmap_bar(t->p->ctx, r->va, r->len);
    r->va = NULL;
}

void vpci_remove(struct vpci *t)
{
    if (!t->p)
        return;
    if (t->common.va)
        c_w8(t, VIRTIO_PCI_COMMON_STATUS, 0); /* stop all DMA before memory goes away */
    unmap_region(t, &t->common);
    unmap_region(t, &t->notify);
    unmap_region(t, &t->isr);
    unmap_region(t, &t->device);
    t->probed = false;
}

uint8_t vpci_get_status(struct vpci *t) { return c_r8(t, VIRTIO_PCI_COMMON_STATUS); }

void vpci_add_status(struct vpci *t, uint8_t bits)
{
    c_w8(t, VIRTIO_PCI_COMMON_STATUS, (uint8_t)(vpci_get_status(t) | bits));
}

int vpci_reset(struct vpci *t)
{
    uint64_t start = t->p->now_ns(t->p->ctx);

    c_w8(t, VIRTIO_PCI_COMMON_STATUS, 0);
    /* the reset is complete only when status reads back 0 (virtio 1.2 4.1.4.3.2) */
    while (vpci_get_status(t) != 0) {
        if (t->p->now_ns(t->p->ctx) - start > RESET_TIMEOUT_NS)
            return VG_ERR_RESET_TIMEOUT;
        t->p->wait_a_little(t->p->ctx, 10000);
    }
    t->num_queues = c_r16(t, VIRTIO_PCI_COMMON_NUMQ);
    return 0;
}

int vpci_negotiate(struct vpci *t, uint64_t wanted, uint64_t *accepted)
{
    uint64_t dev;

    vpci_add_status(t, VIRTIO_STATUS_ACKNOWLEDGE);
    vpci_add_status(t, VIRTIO_STATUS_DRIVER);
    c_w32(t, VIRTIO_PCI_COMMON_DFSELECT, 0);
    dev = c_r32(t, VIRTIO_PCI_COMMON_DF);
    c_w32(t, VIRTIO_PCI_COMMON_DFSELECT, 1);
    dev |= (uint64_t)c_r32(t, VIRTIO_PCI_COMMON_DF) << 32;
    t->device_features = dev;
    if (!(dev & VIRTIO_BIT(VIRTIO_F_VERSION_1))) {
        vpci_add_status(t, VIRTIO_STATUS_FAILED);
        return VG_ERR_NO_VERSION_1;
    }
    t->driver_features = (wanted & dev) | VIRTIO_BIT(VIRTIO_F_VERSION_1);
    c_w32(t, VIRTIO_PCI_COMMON_GFSELECT, 0);
    c_w32(t, VIRTIO_PCI_COMMON_GF, (uint32_t)t->driver_features);
    c_w32(t, VIRTIO_PCI_COMMON_GFSELECT, 1);
    c_w32(t, VIRTIO_PCI_COMMON_GF, (uint32_t)(t->driver_features >> 32));
    vpci_add_status(t, VIRTIO_STATUS_FEATURES_OK);
    /* the device may refuse the subset: FEATURES_OK must read back set */
    if (!(vpci_get_status(t) & VIRTIO_STATUS_FEATURES_OK)) {
        vpci_add_status(t, VIRTIO_STATUS_FAILED);
        return VG_ERR_FEATURES_REJECTED;
    }
    t->num_queues = c_r16(t, VIRTIO_PCI_COMMON_NUMQ);
    if (accepted)
        *accepted = t->driver_features;
    return 0;
}

int vpci_setup_msix(struct vpci *t, uint32_t nvec)
{
    uint16_t v;

    t->n_vectors = nvec;
    v = nvec ? 0 : VIRTIO_MSI_NO_VECTOR;
    c_w16(t, VIRTIO_PCI_COMMON_MSIX, v);
    if (nvec && c_r16(t, VIRTIO_PCI_COMMON_MSIX) == VIRTIO_MSI_NO_VECTOR)
        return VG_ERR_MSIX_REJECTED;
    return 0;
}

uint16_t vpci_queue_vector(const struct vpci *t, uint16_t index)
{
    if (t->n_vectors == 0)
        return VIRTIO_MSI_NO_VECTOR;
    if (t->n_vectors == 1)
        return 0;
    if (1u + index < t->n_vectors)
        return (uint16_t)(1 + index);
    return (uint16_t)(t->n_vectors - 1);
}

static int program_queue(struct vpci *t, struct virtq *vq)
{
    uint16_t index = virtq_index(vq), vec, noff;
    uint64_t off;

    c_w16(t, VIRTIO_PCI_COMMON_Q_SELECT, index);
    c_w16(t, VIRTIO_PCI_COMMON_Q_SIZE, virtq_size(vq));
    c_w64(t, VIRTIO_PCI_COMMON_Q_DESCLO, virtq_desc_pa(vq));
    c_w64(t, VIRTIO_PCI_COMMON_Q_AVAILLO, virtq_avail_pa(vq));
    c_w64(t, VIRTIO_PCI_COMMON_Q_USEDLO, virtq_used_pa(vq));
    vec = vpci_queue_vector(t, index);
    c_w16(t, VIRTIO_PCI_COMMON_Q_MSIX, vec);
    if (vec != VIRTIO_MSI_NO_VECTOR && c_r16(t, VIRTIO_PCI_COMMON_Q_MSIX) == VIRTIO_MSI_NO_VECTOR)
        return VG_ERR_MSIX_REJECTED;
    noff = c_r16(t, VIRTIO_PCI_COMMON_Q_NOFF);
    off = (uint64_t)noff * t->notify_mult;
    if (off + 2 > t->notify.len)
        return VG_ERR_BAD_CAP;
    virtq_set_notify_addr(vq, t->notify.va + off);
    c_w16(t, VIRTIO_PCI_COMMON_Q_ENABLE, 1);
    if (c_r16(t, VIRTIO_PCI_COMMON_Q_ENABLE) != 1)
        return VG_ERR_QUEUE_ENABLE;
    return 0;
}

int vpci_queue_setup(struct vpci *t, uint16_t index, uint16_t max_size, struct virtq **out)
{
    uint16_t size, n;
    int rc;

    *out = NULL;
    if (index >= t->num_queues)
        return VG_ERR_NO_QUEUE;
    c_w16(t, VIRTIO_PCI_COMMON_Q_SELECT, index);
    size = c_r16(t, VIRTIO_PCI_COMMON_Q_SIZE);
    if (size == 0)
        return VG_ERR_NO_QUEUE;
    if (size & (size - 1))
        return VG_ERR_QUEUE_SIZE;
    n = size;
    if (max_size && max_size < n) {
        n = 1;
        while ((uint32_t)n * 2 <= max_size)
            n = (uint16_t)(n * 2);
    }
    rc = virtq_create(t->p, index, n, t->driver_features, NULL, out);
    if (rc)
        return rc;
    rc = program_queue(t, *out);
    if (rc) {
        virtq_destroy(*out);
        *out = NULL;
    }
    return rc;
}

int vpci_queue_reprogram(struct vpci *t, struct virtq *vq)
{
    if (virtq_index(vq) >= t->num_queues)
        return VG_ERR_NO_QUEUE;
    return program_queue(t, vq);
}

void vpci_driver_ok(struct vpci *t) { vpci_add_status(t, VIRTIO_STATUS_DRIVER_OK); }

bool vpci_needs_reset(struct vpci *t)
{
    uint8_t s = vpci_get_status(t);
    /* 0xff: the device fell off the bus (surprise removal reads all-ones) */
    return s == 0xff || (s & (VIRTIO_STATUS_DEVICE_NEEDS_RESET | VIRTIO_STATUS_FAILED));
}

uint8_t vpci_isr_read(struct vpci *t) { return t->p->mmio_read8(t->p->ctx, t->isr.va); }

uint32_t vpci_cfg_read32(struct vpci *t, uint32_t offset)
{
    uint32_t v = 0;
    if (offset + 4 > t->device.len)
        return 0;
    for (int tries = 0; tries < 100; tries++) {
        uint8_t gen = c_r8(t, VIRTIO_PCI_COMMON_CFGGENERATION);
        v = t->p->mmio_read32(t->p->ctx, t->device.va + offset);
        if (gen == c_r8(t, VIRTIO_PCI_COMMON_CFGGENERATION))
            break;
    }
    return v;
}

void vpci_cfg_write32(struct vpci *t, uint32_t offset, uint32_t v)
{
    if (offset + 4 <= t->device.len)
        t->p->mmio_write32(t->p->ctx, t->device.va + offset, v);
}

const struct vpci_shm *vpci_find_shm(const struct vpci *t, uint8_t id)
{
    for (uint32_t i = 0; i < t->n_shm; i++)
        if (t->shm[i].id == id)
            return &t->shm[i];
    return NULL;
}
