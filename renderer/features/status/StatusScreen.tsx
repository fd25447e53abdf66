import { StatusCard } from './StatusCard';
import { ReserveBanner } from './ReserveBanner';
import { MobileAcceptWarning } from './MobileAcceptWarning';
import { BreakLimitNotice } from './BreakLimitNotice';
import { StatusActions } from './StatusActions';
import { TodayTotals } from './TodayTotals';

/** The main screen: current status, reservations and warnings, actions, today's totals. */
export function StatusScreen() {
  return (
    <div className="screen status-screen" data-testid="status-screen">
      <StatusCard />
      <ReserveBanner />
      <BreakLimitNotice />
      <MobileAcceptWarning />
      <StatusActions />
      <TodayTotals />
    </div>
  );
}
