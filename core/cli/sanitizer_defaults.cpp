// The sanitizers' defaults for our own programs (the command-line tool and the unit tests), linked
// into them only in sanitized builds (install/build.sh: build-sanitize/), so that a test run by
// hand behaves as under install/test.sh. The library has none: any program linking it would get
// them.

// The trainer keeps oneDNN's uninitialised reads finite through glibc's malloc perturbation
// (FiniteScratchMemory in core/src/trainer.cpp), which ASan's allocator ignores: ASan fills every
// allocation with the same finite byte (0xb2) instead. An allocation too big for any memory fails
// as it would without the sanitizer (LibTorch throws), not by aborting.
extern "C" const char* __asan_default_options() {
    return "allocator_may_return_null=1:malloc_fill_byte=178:max_malloc_fill_size=2147483647";
}

// Undefined behaviour fails a test like a crash does.
extern "C" const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1";
}

// LibTorch is built without frame pointers, so with the fast unwinder a leak allocated inside it
// shows only its library, never who called it; the slow unwinder that names the function is five
// times slower over the whole suite. So allocations made inside libtorch_cpu are not reported (the
// known one: a refused zip leaks miniz's 152-byte state, see tests/fuzz/lsan.supp). Leaks of our
// own allocations, and of tensors (allocated in libc10), are still reported; the fuzzer checks the
// model reader with full stacks.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libtorch_cpu.so\n";
}
