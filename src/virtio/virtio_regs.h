/*
 * virtio_regs.h — virtio 1.x constants and layouts shared by the PCI
 * transport and the split virtqueue (virtio 1.2, sections 2, 4.1).
 *
 * Usage: included by src/virtio and by tests that play the device side.
 */
#ifndef VIRTIO_REGS_H
#define VIRTIO_REGS_H

#include <stdint.h>

/* device_status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE        0x01u
#define VIRTIO_STATUS_DRIVER             0x02u
#define VIRTIO_STATUS_DRIVER_OK          0x04u
#define VIRTIO_STATUS_FEATURES_OK        0x08u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 0x40u
#define VIRTIO_STATUS_FAILED             0x80u

/* transport feature bits */
#define VIRTIO_F_INDIRECT_DESC      28
#define VIRTIO_F_EVENT_IDX          29
#define VIRTIO_F_VERSION_1          32
#define VIRTIO_F_ACCESS_PLATFORM    33
#define VIRTIO_F_RING_PACKED        34
#define VIRTIO_F_IN_ORDER           35
#define VIRTIO_F_ORDER_PLATFORM     36
#define VIRTIO_F_SR_IOV             37
#define VIRTIO_F_NOTIFICATION_DATA  38
#define VIRTIO_F_RING_RESET         40
#define VIRTIO_BIT(n) (1ull << (n))

/* PCI capability ids and virtio cfg_type values */
#define PCI_CFG_VENDOR_ID      0x00u
#define PCI_CFG_COMMAND        0x04u
#define PCI_CFG_STATUS         0x06u
#define PCI_CFG_CAP_PTR        0x34u
#define PCI_STATUS_CAP_LIST    0x0010u
#define PCI_COMMAND_MEMORY     0x0002u
#define PCI_COMMAND_MASTER     0x0004u
#define PCI_COMMAND_INTX_DISABLE 0x0400u
#define PCI_CAP_ID_MSIX        0x11u
#define PCI_CAP_ID_VNDR        0x09u
#define PCI_MSIX_FLAGS_ENABLE  0x8000u
#define PCI_MSIX_FLAGS_QSIZE   0x07ffu

#define VIRTIO_PCI_CAP_COMMON_CFG        1
#define VIRTIO_PCI_CAP_NOTIFY_CFG        2
#define VIRTIO_PCI_CAP_ISR_CFG           3
#define VIRTIO_PCI_CAP_DEVICE_CFG        4
#define VIRTIO_PCI_CAP_PCI_CFG           5
#define VIRTIO_PCI_CAP_SHARED_MEMORY_CFG 8

/* struct virtio_pci_cap field offsets (from the cap start) */
#define VIRTIO_PCI_CAP_VNDR     0u
#define VIRTIO_PCI_CAP_NEXT     1u
#define VIRTIO_PCI_CAP_LEN      2u
#define VIRTIO_PCI_CAP_CFG_TYPE 3u
#define VIRTIO_PCI_CAP_BAR      4u
#define VIRTIO_PCI_CAP_ID       5u
#define VIRTIO_PCI_CAP_OFFSET   8u
#define VIRTIO_PCI_CAP_LENGTH   12u
#define VIRTIO_PCI_CAP_SIZE     16u
/* virtio_pci_notify_cap: notify_off_multiplier after the cap */
#define VIRTIO_PCI_NOTIFY_CAP_MULT 16u
/* virtio_pci_cap64: offset_hi, length_hi after the cap */
#define VIRTIO_PCI_CAP64_OFFSET_HI 16u
#define VIRTIO_PCI_CAP64_LENGTH_HI 20u

/* struct virtio_pci_common_cfg register offsets */
#define VIRTIO_PCI_COMMON_DFSELECT      0u   /* le32 device_feature_select */
#define VIRTIO_PCI_COMMON_DF            4u   /* le32 device_feature */
#define VIRTIO_PCI_COMMON_GFSELECT      8u   /* le32 driver_feature_select */
#define VIRTIO_PCI_COMMON_GF            12u  /* le32 driver_feature */
#define VIRTIO_PCI_COMMON_MSIX          16u  /* le16 config_msix_vector */
#define VIRTIO_PCI_COMMON_NUMQ          18u  /* le16 num_queues */
#define VIRTIO_PCI_COMMON_STATUS        20u  /* u8 device_status */
#define VIRTIO_PCI_COMMON_CFGGENERATION 21u  /* u8 config_generation */
#define VIRTIO_PCI_COMMON_Q_SELECT      22u  /* le16 */
#define VIRTIO_PCI_COMMON_Q_SIZE        24u  /* le16 */
#define VIRTIO_PCI_COMMON_Q_MSIX        26u  /* le16 */
#define VIRTIO_PCI_COMMON_Q_ENABLE      28u  /* le16 */
#define VIRTIO_PCI_COMMON_Q_NOFF        30u  /* le16 queue_notify_off */
#define VIRTIO_PCI_COMMON_Q_DESCLO      32u
#define VIRTIO_PCI_COMMON_Q_DESCHI      36u
#define VIRTIO_PCI_COMMON_Q_AVAILLO     40u
#define VIRTIO_PCI_COMMON_Q_AVAILHI     44u
#define VIRTIO_PCI_COMMON_Q_USEDLO      48u
#define VIRTIO_PCI_COMMON_Q_USEDHI      52u
#define VIRTIO_PCI_COMMON_SIZE          56u

#define VIRTIO_MSI_NO_VECTOR 0xffffu

/* ISR status bits (reading the ISR register clears it) */
#define VIRTIO_ISR_QUEUE  0x1u
#define VIRTIO_ISR_CONFIG 0x2u

/* ---- split virtqueue ring layout (virtio 1.2, 2.7) ---- */
#define VIRTQ_DESC_F_NEXT     1u
#define VIRTQ_DESC_F_WRITE    2u
#define VIRTQ_DESC_F_INDIRECT 4u
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1u
#define VIRTQ_USED_F_NO_NOTIFY     1u
#define VIRTQ_MAX_SIZE 32768u

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};
struct virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[]; /* then uint16_t used_event */
};
struct virtq_used_elem {
    uint32_t id;
    uint32_t len;
};
struct virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct virtq_used_elem ring[]; /* then uint16_t avail_event */
};
_Static_assert(sizeof(struct virtq_desc) == 16, "virtq_desc");
_Static_assert(sizeof(struct virtq_used_elem) == 8, "used_elem");

/* True when a side that last saw index `old` and has now published `new_idx`
 * must signal the other side, which asked to be woken at `event_idx`. */
static inline int virtq_need_event(uint16_t event_idx, uint16_t new_idx, uint16_t old)
{
    return (uint16_t)(new_idx - event_idx - 1) < (uint16_t)(new_idx - old);
}

#endif /* VIRTIO_REGS_H */
