// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <optional>

class QDoubleSpinBox;

namespace winnow::widgets {

/// Two spin boxes for an optional [minimum, maximum] range; a bound left at its lowest value reads as
/// "any" and is unset.
///
/// Thread affinity: GUI thread.
class RangeEdit final : public QWidget {
    Q_OBJECT

public:
    RangeEdit(double lowest, double highest, int decimals, QWidget* parent = nullptr);

    std::optional<double> minimum() const;
    std::optional<double> maximum() const;
    void setRange(std::optional<double> minimum, std::optional<double> maximum);
    void clear() { setRange(std::nullopt, std::nullopt); }

Q_SIGNALS:
    void rangeChanged();

private:
    std::optional<double> valueOf(const QDoubleSpinBox* box) const;

    QDoubleSpinBox* m_minimum;
    QDoubleSpinBox* m_maximum;
    double m_unset;
};

}  // namespace winnow::widgets
