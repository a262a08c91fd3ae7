// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inspector/fullimage.h"

#include <QBuffer>
#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QImageReader>

#include "ingest/sampleimage.h"

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
    try {
        return ingest::readTarMember(shard, headerOffset);
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
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
