#include "heap_reuse.h"

#include <mutex>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace mangacolor {
namespace {

std::mutex users_mutex;
int users = 0;

#ifdef __GLIBC__
constexpr int kLargestHeapBlock = 32 << 20;  // glibc's maximum mmap threshold
constexpr int kKeptFreeMemory = 1 << 30;
constexpr int kDefaultMmapThreshold = 128 << 10, kDefaultTrimThreshold = 128 << 10;
#endif

}  // namespace

HeapReuse::HeapReuse() {
    const std::lock_guard<std::mutex> lock(users_mutex);
    if (users++ > 0) return;
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock);
    mallopt(M_TRIM_THRESHOLD, kKeptFreeMemory);
#endif
}

HeapReuse::~HeapReuse() {
    const std::lock_guard<std::mutex> lock(users_mutex);
    if (--users > 0) return;
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, kDefaultMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kDefaultTrimThreshold);
#endif
}

}  // namespace mangacolor
