// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG encoding of thumbnails through libjpeg-turbo itself, with the settings of OpenCV 4.6's imencode
// (jpeg_set_defaults, jpeg_set_quality with baseline tables, 4:2:0, no optimised Huffman tables): the
// bytes are the same as imencode's (tests/imageio). What differs is the cost per image. imencode creates
// an encoder object, a libjpeg compressor and its memory pools for every call, and 128x96 thumbnails are
// small enough for that to be about a sixth of the encoding (36 us against 29 us per ingest thumbnail on
// the project machine). Here each thread keeps one compressor for its lifetime.

#include <algorithm>
#include <csetjmp>
#include <cstdio>  // jpeglib.h needs FILE
#include <cstdlib>
#include <string>
#include <vector>

#include <jpeglib.h>

#ifndef JCS_EXTENSIONS
#error "core/imageio needs libjpeg-turbo (JCS_EXT_BGR input)"
#endif

#include <opencv2/core.hpp>

#include "common/error.h"
#include "imageio/internal.h"

namespace winnow::imageio::detail {
namespace {

struct ErrorManager {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void onError(j_common_ptr info) {
    auto* errors = reinterpret_cast<ErrorManager*>(info->err);
    (*info->err->format_message)(info, errors->message);
    std::longjmp(errors->jump, 1);
}

void onMessage(j_common_ptr, int) {}  // warnings are dropped, as OpenCV does

class Compressor {
public:
    Compressor() {
        m_info.err = jpeg_std_error(&m_errors.pub);
        m_errors.pub.error_exit = onError;
        m_errors.pub.emit_message = onMessage;
        m_errors.message[0] = '\0';
        jpeg_create_compress(&m_info);
    }
    ~Compressor() { jpeg_destroy_compress(&m_info); }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;

    /// Returns false with message() set when libjpeg reported an error; out is then untouched.
    bool encode(const cv::Mat& mat, int quality, std::vector<std::uint8_t>& out) {
        // Between setjmp and the end of the compression only C functions run and no C++ object is
        // created, so a longjmp from libjpeg's error handler skips no destructor. The output buffer lives
        // in members: locals changed after setjmp would be indeterminate after the jump.
        m_buffer = nullptr;
        m_size = 0;
        if (setjmp(m_errors.jump) != 0) {
            jpeg_abort_compress(&m_info);
            std::free(m_buffer);
            m_buffer = nullptr;
            return false;
        }
        jpeg_mem_dest(&m_info, &m_buffer, &m_size);
        m_info.image_width = static_cast<JDIMENSION>(mat.cols);
        m_info.image_height = static_cast<JDIMENSION>(mat.rows);
        m_info.input_components = mat.channels();
        m_info.in_color_space = mat.channels() == 3 ? JCS_EXT_BGR : JCS_GRAYSCALE;
        jpeg_set_defaults(&m_info);
        jpeg_set_quality(&m_info, quality, TRUE);
        jpeg_start_compress(&m_info, TRUE);
        while (m_info.next_scanline < m_info.image_height) {
            JSAMPROW row = const_cast<JSAMPROW>(mat.ptr<std::uint8_t>(static_cast<int>(m_info.next_scanline)));
            jpeg_write_scanlines(&m_info, &row, 1);
        }
        jpeg_finish_compress(&m_info);
        out.assign(m_buffer, m_buffer + m_size);
        std::free(m_buffer);
        m_buffer = nullptr;
        return true;
    }
    const char* message() const { return m_errors.message; }

private:
    jpeg_compress_struct m_info{};
    ErrorManager m_errors{};
    unsigned char* m_buffer = nullptr;
    unsigned long m_size = 0;
};

}  // namespace

std::vector<std::uint8_t> encodeJpegMat(const cv::Mat& mat, int quality) {
    if (mat.empty() || mat.depth() != CV_8U || (mat.channels() != 1 && mat.channels() != 3)) {
        throw Error("JPEG encoding failed: need a non-empty 8-bit image of 1 or 3 channels");
    }
    if (mat.cols > JPEG_MAX_DIMENSION || mat.rows > JPEG_MAX_DIMENSION) {
        throw Error("JPEG encoding failed: image larger than " + std::to_string(JPEG_MAX_DIMENSION) + " pixels");
    }
    thread_local Compressor compressor;
    std::vector<std::uint8_t> bytes;
    if (!compressor.encode(mat, std::clamp(quality, 0, 100), bytes)) {
        throw Error(std::string("JPEG encoding failed: ") + compressor.message());
    }
    return bytes;
}

}  // namespace winnow::imageio::detail
