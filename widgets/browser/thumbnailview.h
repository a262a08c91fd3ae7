// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListView>

namespace winnow::widgets {

class ThumbnailDelegate;
class ThumbnailProvider;
class ThumbnailScheduler;

/// A zoomable grid of sample thumbnails over a SampleModel: QListView in icon mode with static movement,
/// uniform item sizes and batched layout, so that 100,000 rows lay out quickly. Ctrl+wheel and
/// Ctrl+plus/minus zoom; arrow keys, Page Up/Down, Home/End and Shift/Ctrl selection come from QListView.
/// Thumbnails load lazily through its ThumbnailScheduler.
///
/// Thread affinity: GUI thread.
class ThumbnailView final : public QListView {
    Q_OBJECT

public:
    static constexpr int kMinimumSize = 48;
    static constexpr int kMaximumSize = 320;

    explicit ThumbnailView(QWidget* parent = nullptr);

    void setProvider(ThumbnailProvider* provider);
    ThumbnailScheduler* scheduler() const { return m_scheduler; }
    ThumbnailDelegate* thumbnailDelegate() const { return m_delegate; }

    int thumbnailSize() const { return m_size; }
    void setShowCaptions(bool show);
    /// What the empty view says (no project, no samples, nothing matches).
    void setEmptyText(const QString& text);

public Q_SLOTS:
    /// Longest side of the thumbnails in pixels, clamped to [kMinimumSize, kMaximumSize].
    void setThumbnailSize(int size);
    void zoomIn();
    void zoomOut();

Q_SIGNALS:
    void thumbnailSizeChanged(int size);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateGrid();

    ThumbnailDelegate* m_delegate;
    ThumbnailScheduler* m_scheduler;
    int m_size = 128;
    int m_wheelRemainder = 0;
    QString m_emptyText;
};

}  // namespace winnow::widgets
