// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/rangeedit.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>

namespace winnow::widgets {

RangeEdit::RangeEdit(double lowest, double highest, int decimals, QWidget* parent)
    : QWidget(parent), m_minimum(new QDoubleSpinBox), m_maximum(new QDoubleSpinBox) {
    // One step below the lowest real value stands for "unset".
    constexpr double step = 1.0;
    m_unset = lowest - step;
    for (QDoubleSpinBox* box : {m_minimum, m_maximum}) {
        box->setDecimals(decimals);
        box->setRange(m_unset, highest);
        box->setSingleStep(step);
        box->setValue(m_unset);
        box->setSpecialValueText(tr("any"));
        box->setAccelerated(true);
        box->setKeyboardTracking(false);
        box->setAlignment(Qt::AlignRight);
        connect(box, &QDoubleSpinBox::valueChanged, this, &RangeEdit::rangeChanged);
    }
    m_minimum->setToolTip(tr("Lowest value kept (\"any\": no lower bound)"));
    m_maximum->setToolTip(tr("Highest value kept (\"any\": no upper bound)"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_minimum, 1);
    layout->addWidget(new QLabel(QStringLiteral("–")));
    layout->addWidget(m_maximum, 1);
}

std::optional<double> RangeEdit::valueOf(const QDoubleSpinBox* box) const {
    if (box->value() <= m_unset) return std::nullopt;
    return box->value();
}

std::optional<double> RangeEdit::minimum() const { return valueOf(m_minimum); }

std::optional<double> RangeEdit::maximum() const { return valueOf(m_maximum); }

void RangeEdit::setRange(std::optional<double> minimum, std::optional<double> maximum) {
    const QSignalBlocker a(m_minimum), b(m_maximum);
    m_minimum->setValue(minimum.value_or(m_unset));
    m_maximum->setValue(maximum.value_or(m_unset));
    Q_EMIT rangeChanged();
}

}  // namespace winnow::widgets
