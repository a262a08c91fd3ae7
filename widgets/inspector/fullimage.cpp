// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inspector/fullimage.h"

#include <QBuffer>
#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QImageReader>

namespace winnow::widgets {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("FullImage", text); }

/// Decodes through QImageReader so that huge images are scaled down while decoding.
QImage decode(QImageReader& reader, int maxSide, QString* note) {
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > maxSide) {
        reader.setScaledSize(size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
        *note = tr("shown reduced to %1 px").arg(maxSide);
    }
    QImage image = reader.read();
    if (image.isNull()) *note = reader.errorString();
    return image;
}

/// Parses an octal (or GNU base-256) numeric tar field.
std::int64_t tarNumber(const char* field, int length) {
    if (static_cast<unsigned char>(field[0]) & 0x80) {
        std::int64_t value = 0;
        for (int i = 1; i < length; ++i) value = (value << 8) | static_cast<unsigned char>(field[i]);
        return value;
    }
    std::int64_t value = 0;
    for (int i = 0; i < length && field[i]; ++i) {
        if (field[i] == ' ') continue;
        if (field[i] < '0' || field[i] > '7') break;
        value = value * 8 + (field[i] - '0');
    }
    return value;
}

/// The header checksum: the byte sum with the checksum field read as spaces.
bool checksumMatches(const char* header) {
    std::int64_t sum = 0;
    for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    return sum == tarNumber(header + 148, 8);
}
}  // namespace

QImage imageFromRawPixels(const std::uint8_t* pixels, std::size_t size, int width, int height, int channels) {
    if (!pixels || width <= 0 || height <= 0) return {};
    const std::size_t expected = std::size_t(width) * std::size_t(height) * std::size_t(channels);
    if (size < expected) return {};
    QImage::Format format = QImage::Format_Invalid;
    switch (channels) {
        case 1: format = QImage::Format_Grayscale8; break;
        case 3: format = QImage::Format_RGB888; break;
        case 4: format = QImage::Format_RGBA8888; break;
        default: return {};
    }
    const QImage view(pixels, width, height, width * channels, format);
    return view.copy();  // detach from the caller's buffer
}

std::vector<std::uint8_t> readTarMember(const std::string& shard, std::int64_t headerOffset, QString* error) {
    QFile file(QString::fromStdString(shard));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    std::int64_t offset = headerOffset;
    for (int guard = 0; guard < 8; ++guard) {  // a few extension headers at most precede the member
        char header[512];
        if (!file.seek(offset) || file.read(header, 512) != 512) {
            *error = tr("the tar header is out of the file");
            return {};
        }
        if (!checksumMatches(header)) {
            *error = tr("no tar header at offset %1").arg(offset);
            return {};
        }
        const std::int64_t size = tarNumber(header + 124, 12);
        const char type = header[156];
        const std::int64_t data = offset + 512;
        if (type == '0' || type == '\0' || type == '7') {
            if (size > (std::int64_t(1) << 30)) {
                *error = tr("the member is too large to show");
                return {};
            }
            std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
            if (!file.seek(data) ||
                file.read(reinterpret_cast<char*>(bytes.data()), size) != size) {
                *error = tr("the member is truncated");
                return {};
            }
            return bytes;
        }
        // 'L'/'K' (GNU long names), 'x'/'g' (pax): skip the extension and read the next header.
        offset = data + (size + 511) / 512 * 512;
    }
    *error = tr("too many tar extension headers");
    return {};
}

FullImage loadFullImage(const catalog::Sample& s, const std::string& dataDir, const FullImageParams& params) {
    FullImage out;
    if (s.status == catalog::SampleStatus::Failed) {
        out.note = tr("the sample failed to import: %1").arg(QString::fromStdString(s.error));
        return out;
    }
    if (!s.blob.empty()) {  // raw pixels stored by ingest (IDX)
        QFile file(QString::fromStdString(dataDir + "/" + s.blob));
        if (!file.open(QIODevice::ReadOnly) || !file.seek(s.blobOffset)) {
            out.note = tr("cannot read the stored pixels: %1").arg(file.errorString());
            return out;
        }
        const QByteArray bytes = file.read(s.blobSize);
        out.image = imageFromRawPixels(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                       static_cast<std::size_t>(bytes.size()), s.width, s.height, s.channels);
        if (out.image.isNull()) out.note = tr("the stored pixels do not match %1 × %2 × %3").arg(s.width).arg(s.height).arg(s.channels);
        return out;
    }
    if (!s.member.empty() && s.blobOffset >= 0) {  // a tar member
        QString error;
        const std::vector<std::uint8_t> bytes = readTarMember(s.uri, s.blobOffset, &error);
        if (bytes.empty()) {
            out.note = error;
            return out;
        }
        QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char*>(bytes.data()),
                                                  static_cast<qsizetype>(bytes.size()));
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        out.image = decode(reader, params.maxSide, &out.note);
        return out;
    }
    QImageReader reader(QString::fromStdString(s.uri));
    out.image = decode(reader, params.maxSide, &out.note);
    return out;
}

}  // namespace winnow::widgets
