#pragma once

#include <glib.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <thread>

#include "host/settings.h"
#include "mangacolor/colorizer.h"

namespace colorize_manga {

// Colorizes preview regions on a worker thread so that the dialog never waits for the model.
// Only the newest request matters: a newer one cancels the one in flight through the core's
// progress callback, and results of older ones are dropped.
class PreviewRenderer {
  public:
    struct Request {
        ColorizeSettings settings;
        cv::Mat source;          // CV_32FC4 pixels of the previewed region
        cv::Mat coverage;        // how much of each of them the selection covers
        cv::Size drawable_size;  // of the whole drawable, which sets the page scale
    };
    struct Result {
        cv::Mat rgba;         // CV_32FC4, as the new layer would show the region; empty on error
        std::string message;  // the model's description, or what went wrong
    };
    using ResultHandler = std::function<void(const Result&)>;

    // `on_result` runs on the GTK main thread.
    explicit PreviewRenderer(ResultHandler on_result);
    ~PreviewRenderer();  // cancels the work in flight and waits for the worker
    PreviewRenderer(const PreviewRenderer&) = delete;
    PreviewRenderer& operator=(const PreviewRenderer&) = delete;

    void request(Request request);

  private:
    struct Mailbox;   // shared with results waiting in the main loop, which may outlive us
    struct Delivery;  // one result on its way to the main loop

    static gboolean deliver(gpointer delivery);  // a GSourceFunc, on the main thread
    void work();
    std::optional<Result> render(const Request& request, unsigned generation);
    void load_model(const ColorizeSettings& settings);

    std::shared_ptr<Mailbox> mailbox_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Request> pending_;
    std::atomic<bool> stopping_{false};

    // Used by the worker thread only.
    std::optional<mangacolor::Colorizer> colorizer_;
    std::string loaded_model_;  // path and device of colorizer_
    std::string model_message_;

    std::thread worker_;  // last, so it starts after everything above exists
};

}  // namespace colorize_manga
