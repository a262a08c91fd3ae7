// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <cstdint>
#include <vector>

namespace winnow::widgets {

/// Counters of thumbnail decoding, so tests can prove that no decode ever runs on the GUI thread.
struct DecoderStats {
    std::int64_t decoded = 0;      ///< thumbnails decoded so far
    std::int64_t onGuiThread = 0;  ///< of which on the GUI thread (must stay 0)
};

/// Decodes stored thumbnail bytes (JPEG) into a QImage; a null image when they do not decode.
/// Thread affinity: worker threads (any thread works, but GUI-thread calls are counted as mistakes).
QImage decodeThumbnail(const std::vector<std::uint8_t>& jpeg);

DecoderStats decoderStats();
void resetDecoderStats();

}  // namespace winnow::widgets
