// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/thumbnails/thumbnaildecoder.h"

#include <QCoreApplication>
#include <QThread>
#include <atomic>

namespace winnow::widgets {

namespace {
std::atomic<std::int64_t> g_decoded{0};
std::atomic<std::int64_t> g_onGuiThread{0};
}  // namespace

QImage decodeThumbnail(const std::vector<std::uint8_t>& jpeg) {
    const QCoreApplication* app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread()) g_onGuiThread.fetch_add(1);
    g_decoded.fetch_add(1);
    QImage image;
    if (jpeg.empty()) return image;
    image.loadFromData(jpeg.data(), static_cast<int>(jpeg.size()), "JPEG");
    if (image.isNull()) image.loadFromData(jpeg.data(), static_cast<int>(jpeg.size()));  // any format
    return image;
}

DecoderStats decoderStats() { return {g_decoded.load(), g_onGuiThread.load()}; }

void resetDecoderStats() {
    g_decoded = 0;
    g_onGuiThread = 0;
}

}  // namespace winnow::widgets
