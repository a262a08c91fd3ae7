// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imageio/analyze.h"

#include <algorithm>
#include <new>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/error.h"
#include "imageio/hashing.h"
#include "imageio/internal.h"
#include "imageio/resample.h"

// Per-image analysis during ingest, called from a pool of worker threads: no shared mutable state (kernel
// caches and scratch buffers are thread_local), and the only OpenCV calls that could use OpenCV's own
// thread pool (cvtColor) run single-threaded once the caller has called configureThreads().
//
// Cost per 640x480 JPEG of about 120 KB (decoded at 1/2 to 320x240; CPU time on the project machine, one
// thread): OpenCV's decode about 1.13 ms, SHA-512 of the file 117 us, the thumbnail's area shrink 31 us,
// both hashes from the thumbnail 22 us, statistics 23 us, thumbnail JPEG encoding 29 us. Everything
// works on the decoded BGR matrix in place: the resampler is channel-order agnostic and the luma weights
// are swapped.
//
// Hash cascade: when the thumbnail is at least kCascadeMinSide on its shorter side, pHash and dHash are
// taken from it (area-averaged from the decode, then Lanczos to 32x32 and 9x8 as imagededup) rather
// than from the decode directly. Resizing 320x240 straight to 32x32 costs a 60-tap Lanczos kernel per
// output (213 taps for the 9-wide dHash) over every decoded row, about 80 us of the old 170; from the
// 128x96 thumbnail the kernels are 24 and 85 taps over 96 rows. The area prefilter keeps the frequencies
// the 32x32 hash keeps, so the bits move little: the reduced DCT decode already departs from PIL's
// full-size resize by more (tests/imageio: within Hamming 2 of imagededup on the PNG fixtures, and
// tests/dup's near-duplicate recall).

namespace winnow::imageio {
namespace {

std::string tooManyPixels(int width, int height, std::int64_t limit) {
    return "image too large: " + std::to_string(width) + "x" + std::to_string(height)
           + " pixels exceeds the limit of " + std::to_string(limit) + " pixels";
}

/// The largest DCT-domain reduction whose result keeps its longest side >= minSide (libjpeg rounds up).
int jpegReduction(int width, int height, int minSide) {
    const int longest = std::max(width, height);
    for (int r : {8, 4, 2}) {
        if ((longest + r - 1) / r >= minSide) {
            return r;
        }
    }
    return 1;
}

/// Turns stored pixels upright according to an EXIF orientation (as OpenCV's own loader would).
cv::Mat upright(const cv::Mat& m, int orientation) {
    cv::Mat out;
    switch (orientation) {
    case 2: cv::flip(m, out, 1); break;
    case 3: cv::rotate(m, out, cv::ROTATE_180); break;
    case 4: cv::flip(m, out, 0); break;
    case 5: cv::transpose(m, out); break;
    case 6: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7:
        cv::transpose(m, out);
        cv::flip(out, out, -1);
        break;
    case 8: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: return m;
    }
    return out;
}

/// The thumbnail feeds the 32x32 and 9x8 hash resizes when its shorter side has at least this many pixels
/// (twice the pHash input), so that the Lanczos kernels still see 2x more detail than they keep.
constexpr int kCascadeMinSide = 64;

/// Hashes, statistics and thumbnail of decoded pixels; fills the corresponding fields of `a`.
void analyzePixels(const detail::PixelView& px, detail::ChannelOrder order, int orientation,
                   const AnalyzeParams& params, Analysis& a) {
    int width = 0;
    int height = 0;
    detail::fitInside(px.width, px.height, std::max(params.thumbnailSize, 1), width, height);
    thread_local cv::Mat thumbScratch;  // per-thread, reused while sizes repeat (see Scratch)
    cv::Mat thumb;
    if (width != px.width || height != px.height) {
        // Shrunk in the same sweep as the hashes' resizes (shared input conversion).
        thumbScratch.create(height, width, CV_8UC(px.channels));
        thumb = thumbScratch;
        const detail::ResizeRequest shrink{detail::Filter::Area, width, height, thumb.data};
        if (std::min(width, height) >= kCascadeMinSide) {
            // Hashes from the thumbnail: one sweep over the decoded pixels instead of three wide Lanczos
            // kernels (about 0.08 ms less per 640x480 JPEG; see the note at the top of this file).
            detail::resampleMany(px, &shrink, 1);
            detail::hashesOf(detail::viewOf(thumb), order, &a.phash, &a.dhash);
        } else {
            detail::hashesOf(px, order, &a.phash, &a.dhash, &shrink);
        }
    } else {
        detail::hashesOf(px, order, &a.phash, &a.dhash);
        // Read-only wrapper around the caller's pixels (const_cast only because cv::Mat has no const view).
        thumb = cv::Mat(px.height, px.width, CV_8UC(px.channels), const_cast<std::uint8_t*>(px.data), px.stride);
    }
    a.stats = detail::statsOf(px, order, params.statsMaxSide);
    if (px.channels == 3 && order == detail::ChannelOrder::Rgb) {
        cv::Mat bgr;  // never in place: thumb may wrap the caller's pixels
        cv::cvtColor(thumb, bgr, cv::COLOR_RGB2BGR);  // imencode expects BGR
        thumb = bgr;
    }
    thumb = upright(thumb, orientation);
    a.thumbnail = detail::encodeJpegMat(thumb, params.thumbnailQuality);
    a.thumbnailWidth = thumb.cols;
    a.thumbnailHeight = thumb.rows;
    detail::trimScratch(thumbScratch);
}

/// Runs `body`, turning any exception into ok = false and a message for people.
template <typename Body>
void guarded(Analysis& a, Body&& body) {
    try {
        body();
        a.ok = true;
    } catch (const std::bad_alloc&) {
        a.error = "out of memory";
    } catch (const cv::Exception& e) {
        a.error = "image processing failed: " + e.err;
    } catch (const std::exception& e) {
        a.error = e.what();
    } catch (...) {
        a.error = "unknown error";
    }
    if (!a.ok && a.error.empty()) {
        a.error = "unknown error";
    }
}

}  // namespace

Analysis analyzeEncoded(const std::uint8_t* data, std::size_t size, const AnalyzeParams& params) {
    Analysis a;
    a.byteSize = static_cast<std::int64_t>(size);
    guarded(a, [&] {
        if (data == nullptr && size != 0) {
            throw Error("analyzeEncoded: no data");
        }
        a.sha512 = sha512Hex(data, size);  // first: duplicates are found even among undecodable files
        if (size == 0) {
            throw Error("empty file");
        }
        if (a.byteSize > params.maxBytes) {
            throw Error("file too large: " + std::to_string(a.byteSize) + " bytes exceeds the limit of "
                        + std::to_string(params.maxBytes) + " bytes");
        }
        const auto header = probeHeader(data, size);
        if (!header) {
            throw Error("not an image (unrecognised header)");
        }
        a.format = header->format;
        a.orientation = header->orientation;
        if (header->width <= 0 || header->height <= 0) {
            throw Error("truncated or corrupt " + detail::displayName(header->format) + " (no size in header)");
        }
        a.width = header->width;
        a.height = header->height;
        a.channels = header->channels;
        // Refused before any decoder allocates: protects against decompression bombs.
        if (static_cast<std::int64_t>(a.width) * a.height > params.maxPixels) {
            throw Error(tooManyPixels(a.width, a.height, params.maxPixels));
        }
        const int reduction =
            header->format == "jpeg" ? jpegReduction(a.width, a.height, params.reducedDecodeMinSide) : 1;
        thread_local cv::Mat decodeScratch;  // per-thread, reused while sizes repeat (see Scratch)
        const cv::Mat decoded = detail::decodeMat(data, size, *header, reduction, &decodeScratch);
        detail::trimScratch(decodeScratch);  // `decoded` keeps a large image alive until we are done
        if (a.channels == 0) {
            a.channels = decoded.channels();
        }
        analyzePixels(detail::viewOf(decoded), detail::ChannelOrder::Bgr, header->orientation, params, a);
    });
    return a;
}

Analysis analyzeRaw(const std::uint8_t* pixels, int width, int height, int channels, const AnalyzeParams& params) {
    Analysis a;
    a.format = "raw";
    a.width = width;
    a.height = height;
    a.channels = channels;
    guarded(a, [&] {
        if (pixels == nullptr || width <= 0 || height <= 0) {
            throw Error("raw pixels: empty image");
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw Error("raw pixels: need 1, 3 or 4 channels, got " + std::to_string(channels));
        }
        const std::int64_t count = static_cast<std::int64_t>(width) * height;
        a.byteSize = count * channels;
        a.sha512 = sha512Hex(pixels, static_cast<std::size_t>(a.byteSize));
        if (count > params.maxPixels) {
            throw Error(tooManyPixels(width, height, params.maxPixels));
        }
        detail::PixelView view{pixels, width, height, channels, static_cast<std::size_t>(width) * channels};
        cv::Mat rgb;
        if (channels == 4) {  // drop alpha, as imagededup's convert("RGB") does
            const cv::Mat rgba(height, width, CV_8UC4, const_cast<std::uint8_t*>(pixels));
            cv::cvtColor(rgba, rgb, cv::COLOR_RGBA2RGB);
            view = detail::viewOf(rgb);
        }
        analyzePixels(view, detail::ChannelOrder::Rgb, 1, params, a);
    });
    return a;
}

}  // namespace winnow::imageio
