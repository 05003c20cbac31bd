// A bar chart of takings (recharts): by day or by hour. Drawn for one currency (a chain's usual case);
// the tables beside it hold every currency. The figure carries a text name for screen readers; the
// table under it is the same data, readable and exportable.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../../i18n';

export interface ChartPoint {
  label: string;
  total: number;
}

export function TakingsChart({
  points,
  currency,
  title,
  testId,
}: {
  points: readonly ChartPoint[];
  currency: string;
  title: string;
  testId: string;
}) {
  const format = useFormat();
  const money = (minor: number) => format.money(minor, currency);
  return (
    <figure className="sales-chart" data-testid={testId} role="img" aria-label={title}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart
          data={[...points]}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#e2e0d9" />
          <XAxis dataKey="label" tick={{ fill: '#56606b', fontSize: 12 }} tickLine={false} />
          <YAxis
            tickFormatter={(v: number) => format.number(Math.round(v / 100))}
            tick={{ fill: '#56606b', fontSize: 12 }}
            width={64}
            axisLine={false}
            tickLine={false}
          />
          <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: '#e3f2ea' }} />
          <Bar dataKey="total" fill="#0b6e4f" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
