#include "ui/preview_renderer.h"

#include <filesystem>

#include "host/pixels.h"
#include "mangacolor/errors.h"

namespace colorize_manga {

struct PreviewRenderer::Mailbox {
    explicit Mailbox(ResultHandler handler) : on_result(std::move(handler)) {}

    const ResultHandler on_result;
    std::atomic<unsigned> generation{0};  // of the newest request
    bool open = true;                     // main thread only: false once the renderer is gone
};

struct PreviewRenderer::Delivery {
    std::shared_ptr<Mailbox> mailbox;
    Result result;
    unsigned generation;
};

PreviewRenderer::PreviewRenderer(ResultHandler on_result)
    : mailbox_(std::make_shared<Mailbox>(std::move(on_result))), worker_([this] { work(); }) {}

PreviewRenderer::~PreviewRenderer() {
    mailbox_->open = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    worker_.join();
}

void PreviewRenderer::request(Request request) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = std::move(request);
        ++mailbox_->generation;
    }
    wake_.notify_one();
}

void PreviewRenderer::work() {
    for (;;) {
        Request request;
        unsigned generation = 0;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
            if (stopping_) return;
            request = std::move(*pending_);
            pending_.reset();
            generation = mailbox_->generation;
        }
        std::optional<Result> result = render(request, generation);
        if (!result) continue;  // superseded by a newer request

        g_idle_add(deliver, new Delivery{mailbox_, std::move(*result), generation});
    }
}

gboolean PreviewRenderer::deliver(gpointer data) {
    std::unique_ptr<Delivery> delivery(static_cast<Delivery*>(data));
    const Mailbox& mailbox = *delivery->mailbox;
    if (mailbox.open && delivery->generation == mailbox.generation) {
        mailbox.on_result(delivery->result);
    }
    return G_SOURCE_REMOVE;
}

std::optional<PreviewRenderer::Result> PreviewRenderer::render(const Request& request,
                                                               unsigned generation) {
    const auto still_wanted = [this, generation](double /*done*/) {
        return !stopping_ && mailbox_->generation == generation;
    };
    try {
        load_model(request.settings);
        const auto options =
            options_for_drawable(request.settings, *colorizer_, request.drawable_size.width,
                                 request.drawable_size.height);
        const cv::Mat colors = colorizer_->colorize(request.source, options, still_wanted);
        const cv::Mat alpha = alpha_of(request.source).mul(request.coverage);
        return Result{with_alpha(colors, alpha), model_message_};
    } catch (const mangacolor::Cancelled&) {
        return std::nullopt;
    } catch (const std::exception& e) {
        return Result{cv::Mat(), "Cannot colorize: " + mangacolor::user_message(e)};
    }
}

namespace {

// The file's identity as far as a reload goes: replaced or deleted, it reads as another.
std::string file_version(const std::string& path) {
    std::error_code size_error, time_error;
    const auto size = std::filesystem::file_size(path, size_error);
    const auto time = std::filesystem::last_write_time(path, time_error);
    if (size_error || time_error) return "missing";
    return std::to_string(size) + '@' + std::to_string(time.time_since_epoch().count());
}

}  // namespace

void PreviewRenderer::load_model(const ColorizeSettings& settings) {
    const std::string path = model_path(settings);
    // A model file replaced or deleted while the dialog is open is read again, so the preview
    // shows what OK would do.
    const std::string wanted =
        path + '\n' + std::to_string(int(settings.device)) + '\n' + file_version(path);
    if (colorizer_ && loaded_model_ == wanted) return;

    colorizer_.reset();  // a model that fails to load must not stand in for the chosen one
    colorizer_ = mangacolor::Colorizer::load(path, settings.device);
    loaded_model_ = wanted;
    model_message_ = mangacolor::model_summary(colorizer_->info(), path) + " (" +
                     colorizer_->device_name() + ")";
}

}  // namespace colorize_manga
