#pragma once

// Large tensors freed during a colorize or training step are kept in the heap for the next
// one instead of going back to the system. By default glibc maps each large block afresh and
// unmaps it on free, so every layer's output is faulted in page by page again: on a machine
// where that is slow (2026-12-07, this project's CI machine), an A4 page took 2.3-2.9 s with
// a third of its time in the kernel, 0.9-1.0 s with the memory kept.
namespace mangacolor {

// While one exists (in any thread), large blocks come from the heap and up to 1 GB of freed
// memory stays there; after the last one both thresholds are glibc's defaults again (glibc
// cannot tell what a host had set before; its dynamic mmap threshold stays off once set), and
// the kept memory goes back on the next free.
class HeapReuse {
  public:
    HeapReuse();
    ~HeapReuse();
    HeapReuse(const HeapReuse&) = delete;
    HeapReuse& operator=(const HeapReuse&) = delete;
};

}  // namespace mangacolor
