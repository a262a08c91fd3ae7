// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace winnow::widgets {

/// Shows one image fitted to the widget (never scaled past 4x, pixelated when scaled up so that small
/// images such as MNIST digits stay crisp), on a checkerboard where it is transparent, with an optional
/// note ("from the thumbnail", "loading…") in the corner.
///
/// Thread affinity: GUI thread.
class ImageView final : public QWidget {
    Q_OBJECT

public:
    explicit ImageView(QWidget* parent = nullptr);

    /// Takes an image (converted to a pixmap here, on the GUI thread).
    void setImage(const QImage& image, const QString& note = {});
    void setPixmap(const QPixmap& pixmap, const QString& note = {});
    void clear(const QString& message = {});

    const QPixmap& pixmap() const { return m_pixmap; }
    const QString& note() const { return m_note; }

    QSize sizeHint() const override { return {320, 260}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPixmap m_pixmap;
    QString m_note;
    QString m_message;
};

}  // namespace winnow::widgets
