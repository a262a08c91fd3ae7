// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/thumbnails/thumbnailbatch.h"

#include <QFileInfo>

#include "catalog/catalog.h"
#include "widgets/thumbnails/thumbnaildecoder.h"

namespace winnow::widgets {

QString sampleCaption(const std::string& uri, const std::string& member, const std::string& label) {
    if (!label.empty()) return QString::fromStdString(label);
    if (!member.empty()) return QFileInfo(QString::fromStdString(member)).fileName();
    return QFileInfo(QString::fromStdString(uri)).fileName();
}

std::vector<LoadedThumbnail> loadThumbnailBatch(const std::string& projectPath,
                                                const std::vector<std::int64_t>& ids) {
    std::vector<LoadedThumbnail> out;
    try {
        auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadOnly);
        const auto samples = catalog.samplesByIds(ids);
        out.reserve(samples.size());
        for (const catalog::Sample& s : samples) {
            LoadedThumbnail t;
            t.sampleId = s.id;
            t.failed = s.status == catalog::SampleStatus::Failed;
            t.caption = sampleCaption(s.uri, s.member, s.label);
            const QString where = QString::fromStdString(s.member.empty() ? s.uri : s.uri + " : " + s.member);
            t.toolTip = t.failed ? QStringLiteral("%1\n%2").arg(where, QString::fromStdString(s.error))
                                 : QStringLiteral("%1\n%2 × %3 %4").arg(where).arg(s.width).arg(s.height).arg(
                                       QString::fromStdString(s.format));
            if (!s.label.empty()) t.toolTip += QStringLiteral("\nlabel: ") + QString::fromStdString(s.label);
            if (auto thumb = catalog.thumbnail(s.id)) t.image = decodeThumbnail(thumb->jpeg);
            out.push_back(std::move(t));
        }
    } catch (const std::exception&) {
        // The project went away (closed, deleted): the requester simply gets nothing.
    }
    return out;
}

}  // namespace winnow::widgets
