#include <gtest/gtest.h>
#include <torch/torch.h>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

TEST(UserMessage, LibTorchErrorsLoseTheirBacktrace) {
    try {
        // Refused at once, as no address space holds it; LibTorch adds where it happened.
        torch::empty({int64_t{1} << 52});
        FAIL() << "LibTorch allocated 16 PB";
    } catch (const std::exception& e) {
        ASSERT_NE(std::string(e.what()).find('\n'), std::string::npos)
            << "LibTorch's own message has a backtrace";
        const std::string message = user_message(e);
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        EXPECT_NE(message.find("DefaultCPUAllocator"), std::string::npos) << message;
    }
}

TEST(UserMessage, OthersAsTheySay) {
    EXPECT_EQ(user_message(Error("no such file")), "no such file");
    EXPECT_EQ(user_message(std::bad_alloc()), "out of memory");
}

}  // namespace
}  // namespace mangacolor
