// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace winnow::app {

/// One persisted setting with its key and default in one place (Tiled's SessionOption): read with
/// value(), written with set(); stored by QSettings (organisation "Winnow", application "winnow").
///
/// Thread affinity: GUI thread (QSettings objects are made per call).
template <typename T>
class Setting {
public:
    Setting(const char* key, T defaultValue) : m_key(key), m_default(std::move(defaultValue)) {}

    T value() const {
        const QVariant v = QSettings().value(QLatin1String(m_key));
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_default;
    }
    void set(const T& value) const { QSettings().setValue(QLatin1String(m_key), QVariant::fromValue(value)); }
    void reset() const { QSettings().remove(QLatin1String(m_key)); }
    const char* key() const { return m_key; }
    const T& defaultValue() const { return m_default; }

private:
    const char* m_key;
    T m_default;
};

/// Every setting of the GUI.
namespace settings {
inline const Setting<QStringList> recentProjects{"project/recent", {}};
inline const Setting<QString> lastDirectory{"project/lastDirectory", {}};
inline const Setting<QString> lastImportDirectory{"import/lastDirectory", {}};
inline const Setting<QString> theme{"view/theme", QStringLiteral("light")};
inline const Setting<int> thumbnailSize{"browser/thumbnailSize", 128};
inline const Setting<bool> showCaptions{"browser/showCaptions", true};
inline const Setting<int> nearMaxDistance{"duplicates/maxDistance", 10};
inline const Setting<QByteArray> windowGeometry{"window/geometry", {}};
inline const Setting<QByteArray> windowState{"window/state", {}};
}  // namespace settings

/// Most recent first, without duplicates, at most this many.
constexpr int kMaxRecentProjects = 10;

/// Puts a project first in the recent list.
void addRecentProject(const QString& path);
/// The recent projects that still exist.
QStringList recentProjects();

}  // namespace winnow::app
