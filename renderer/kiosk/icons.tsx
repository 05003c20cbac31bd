// Line icons drawn inline, so the kiosk needs no icon font or network.
import type { ReactNode } from 'react';

function Icon({ children, size = 32 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const PlusIcon = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const MinusIcon = () => (
  <Icon>
    <path d="M5 12h14" />
  </Icon>
);
export const TrashIcon = ({ size }: { size?: number }) => (
  <Icon size={size}>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
  </Icon>
);
export const HelpIcon = () => (
  <Icon size={30}>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.6v.6M12 17.2v.1" />
  </Icon>
);
export const CheckIcon = ({ size = 40 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);
export const InfoIcon = () => (
  <Icon size={30}>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 11v6M12 7.5v.1" />
  </Icon>
);
export const IdIcon = () => (
  <Icon size={30}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <circle cx="9" cy="11" r="2" />
    <path d="M6 16c.6-1.3 1.7-2 3-2s2.4.7 3 2M14 10h4M14 13h3" />
  </Icon>
);
/** A clock face: a date that has passed. */
export const ClockIcon = () => (
  <Icon size={30}>
    <circle cx="12" cy="12" r="9.5" />
    <path d="M12 7v5l3.5 2" />
  </Icon>
);
/** A staff badge on its clip. */
export const BadgeIcon = () => (
  <Icon size={30}>
    <rect x="5" y="6" width="14" height="15" rx="2" />
    <path d="M10 3h4v3h-4zM9.5 17h5" />
    <circle cx="12" cy="12" r="2" />
  </Icon>
);
export const StarIcon = ({ size = 22 }: { size?: number }) => (
  <Icon size={size}>
    <path d="M12 3.5l2.6 5.3 5.8.8-4.2 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.2-4.1 5.8-.8z" />
  </Icon>
);
export const BackspaceIcon = () => (
  <Icon>
    <path d="M21 5H9l-6 7 6 7h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1zM17 9l-5 6M12 9l5 6" />
  </Icon>
);

/** The welcome picture: a barcode under a scanner's beam. */
/** A phone showing a payment code: the shopper confirms on it. */
export const PhoneIcon = ({ size = 96 }: { size?: number }) => (
  <Icon size={size}>
    <rect x="6" y="2.5" width="12" height="19" rx="2.5" />
    <path d="M9 7h6M9 10h6M9 13h2M13 13h2M9 16.5h6" strokeWidth={1.5} />
  </Icon>
);

export function ScanPicture() {
  const bars = [3, 1, 2, 1, 1, 3, 1, 2, 2, 1, 1, 2, 3, 1, 1, 2, 1, 3];
  let x = 40;
  const rects = bars.map((w, i) => {
    const rect = i % 2 === 0 ? <rect key={i} x={x} y={70} width={w * 4} height={90} rx={1} /> : null;
    x += w * 4 + 3;
    return rect;
  });
  return (
    <svg className="scan-picture" viewBox="0 0 240 200" aria-hidden="true">
      <rect x="20" y="52" width="200" height="128" rx="18" fill="#fff" stroke="#D9DED8" strokeWidth="3" />
      <g fill="#1B1F23">{rects}</g>
      <rect className="scan-beam" x="10" y="112" width="220" height="5" rx="2.5" />
    </svg>
  );
}
