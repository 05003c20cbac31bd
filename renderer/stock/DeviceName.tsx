// A handheld's own device name, small at the foot of the count and adjust screens, so staff can tell
// which handheld counted what when HQ shows two devices' lines for review. Nothing on the terminal's own screen.
import { useI18n } from '../i18n';

export function DeviceName({ device }: { device: string | undefined }) {
  const { t } = useI18n();
  if (!device) return null;
  return (
    <p className="stock-muted stock-device" data-testid="stock-device">
      {t.stock.thisDevice(device)}
    </p>
  );
}
